package dev.vigil.sources.types;

import dev.vigil.core.event.MetricSample;
import dev.vigil.core.features.NodeFeatures;
import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * The field encodings Vigil's serializers share. A feature-name list equal to the seed's 24 features is
 * one byte instead of 24 strings, and decodes to one shared array, so samples, scores and node state on
 * the wire and in RocksDB carry no names in the common case.
 */
public final class Codec {

    /** The seed's feature list as the one array every decoded seed-list refers to. */
    public static final String[] SEED_NAMES = NodeFeatures.SEED_FEATURES.toArray(String[]::new);

    private static final byte NAMES_SEED = 0;
    private static final byte NAMES_LISTED = 1;
    private static final byte NAMES_AS_GIVEN = 2;

    private Codec() {
    }

    public static void writeNames(String[] names, DataOutputView out) throws IOException {
        writeNames(names, null, out);
    }

    public static String[] readNames(DataInputView in) throws IOException {
        return readNames(null, in);
    }

    /**
     * Writes {@code names} as one byte when they are the seed's list or {@code given} (the list of the node's
     * state, or null), as the full list otherwise.
     */
    public static void writeNames(String[] names, String[] given, DataOutputView out) throws IOException {
        if (given != null && (names == given || Arrays.equals(names, given))) {
            out.writeByte(NAMES_AS_GIVEN);
        } else if (names == SEED_NAMES || Arrays.equals(names, SEED_NAMES)) {
            out.writeByte(NAMES_SEED);
        } else {
            out.writeByte(NAMES_LISTED);
            out.writeInt(names.length);
            for (String name : names) {
                writeText(name, out);
            }
        }
    }

    public static String[] readNames(String[] given, DataInputView in) throws IOException {
        byte tag = in.readByte();
        if (tag == NAMES_SEED) {
            return SEED_NAMES;
        }
        if (tag == NAMES_AS_GIVEN && given != null) {
            return given;
        }
        if (tag != NAMES_LISTED) {
            throw new IOException("corrupt feature-name list: tag " + tag);
        }
        String[] names = new String[in.readInt()];
        for (int i = 0; i < names.length; i++) {
            names[i] = readText(in);
        }
        return names;
    }

    public static void writeDoubles(double[] values, DataOutputView out) throws IOException {
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    public static double[] readDoubles(int n, DataInputView in) throws IOException {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }

    public static void writeLabel(Integer attack, DataOutputView out) throws IOException {
        out.writeBoolean(attack != null);
        if (attack != null) {
            out.writeInt(attack);
        }
    }

    public static Integer readLabel(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readInt() : null;
    }

    /** A sample whose names are written relative to {@code given} (may be null). */
    public static void writeSample(MetricSample s, String[] given, DataOutputView out) throws IOException {
        writeText(s.node(), out);
        out.writeLong(s.ts());
        writeNames(s.names(), given, out);
        writeDoubles(s.values(), out);
        writeLabel(s.attack(), out);
        writeText(s.source(), out);
        writeText(s.location(), out);
    }

    public static MetricSample readSample(String[] given, DataInputView in) throws IOException {
        String node = readText(in);
        long ts = in.readLong();
        String[] names = readNames(given, in);
        double[] values = readDoubles(names.length, in);
        return new MetricSample(node, ts, names, values, readLabel(in), readText(in), readText(in));
    }

    private static final byte TEXT_NULL = 0;
    private static final byte TEXT_SHORT = 1;
    private static final byte TEXT_LONG = 2;
    private static final int SHORT_TEXT_CHARS = 65_535 / 3; // always fits modified UTF-8's 64 KiB

    /**
     * A nullable text such as a node name, source or location: modified UTF-8 (a bulk copy for the usual
     * ASCII names) up to {@link #SHORT_TEXT_CHARS} characters, Flink's string encoding above.
     */
    public static void writeText(String text, DataOutputView out) throws IOException {
        if (text == null) {
            out.writeByte(TEXT_NULL);
        } else if (text.length() <= SHORT_TEXT_CHARS) {
            out.writeByte(TEXT_SHORT);
            out.writeUTF(text);
        } else {
            out.writeByte(TEXT_LONG);
            StringValue.writeString(text, out);
        }
    }

    public static String readText(DataInputView in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case TEXT_NULL -> null;
            case TEXT_SHORT -> in.readUTF();
            case TEXT_LONG -> StringValue.readString(in);
            default -> throw new IOException("corrupt text: tag " + tag);
        };
    }
}
