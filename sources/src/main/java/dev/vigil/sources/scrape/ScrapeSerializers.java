package dev.vigil.sources.scrape;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Checkpoint encodings of the scrape source: a target, and the enumerator's lists of targets. */
final class ScrapeSerializers {

    private ScrapeSerializers() {
    }

    static final class Split implements SimpleVersionedSerializer<ScrapeTarget> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(ScrapeTarget target) throws IOException {
            return write(List.of(target));
        }

        @Override
        public ScrapeTarget deserialize(int version, byte[] serialized) throws IOException {
            return read(version, serialized).get(0);
        }
    }

    static final class EnumState implements SimpleVersionedSerializer<ScrapeEnumState> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(ScrapeEnumState state) throws IOException {
            List<ScrapeTarget> all = new ArrayList<>(state.known());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                byte[] known = write(all);
                out.writeInt(known.length);
                out.write(known);
                out.write(write(new ArrayList<>(state.unassigned())));
            }
            return bytes.toByteArray();
        }

        @Override
        public ScrapeEnumState deserialize(int version, byte[] serialized) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                byte[] known = new byte[in.readInt()];
                in.readFully(known);
                byte[] unassigned = in.readAllBytes();
                return new ScrapeEnumState(read(version, known), read(version, unassigned));
            }
        }
    }

    private static byte[] write(List<ScrapeTarget> targets) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(targets.size());
            for (ScrapeTarget t : targets) {
                out.writeUTF(t.node());
                out.writeUTF(t.url());
            }
        }
        return bytes.toByteArray();
    }

    private static List<ScrapeTarget> read(int version, byte[] serialized) throws IOException {
        if (version != 1) {
            throw new IOException("unknown scrape state version " + version);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            int n = in.readInt();
            List<ScrapeTarget> targets = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                targets.add(new ScrapeTarget(in.readUTF(), in.readUTF()));
            }
            return targets;
        }
    }
}
