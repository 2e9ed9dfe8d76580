package dev.vigil.sources.types;

import dev.vigil.core.event.ScoredSample;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link ScoredSample} on the wire: names as in {@link Codec}, the top features as short lists. */
public final class ScoredSampleSerializer extends RecordTypeSerializer<ScoredSample> {

    private static final long serialVersionUID = 1L;

    @Override
    public void serialize(ScoredSample s, DataOutputView out) throws IOException {
        Codec.writeText(s.node(), out);
        out.writeLong(s.ts());
        Codec.writeNames(s.names(), out);
        Codec.writeDoubles(s.values(), out);
        Codec.writeDoubles(s.z(), out);
        out.writeDouble(s.maxAbsZ());
        out.writeBoolean(s.anomaly());
        out.writeInt(s.topFeatures().length);
        for (String name : s.topFeatures()) {
            Codec.writeText(name, out);
        }
        Codec.writeDoubles(s.topZ(), out);
        Codec.writeLabel(s.attack(), out);
    }

    @Override
    public ScoredSample deserialize(DataInputView in) throws IOException {
        String node = Codec.readText(in);
        long ts = in.readLong();
        String[] names = Codec.readNames(in);
        double[] values = Codec.readDoubles(names.length, in);
        double[] z = Codec.readDoubles(names.length, in);
        double maxAbsZ = in.readDouble();
        boolean anomaly = in.readBoolean();
        String[] top = new String[in.readInt()];
        for (int i = 0; i < top.length; i++) {
            top[i] = Codec.readText(in);
        }
        double[] topZ = Codec.readDoubles(top.length, in);
        return new ScoredSample(node, ts, names, values, z, maxAbsZ, anomaly, top, topZ, Codec.readLabel(in));
    }

    @Override
    public TypeSerializerSnapshot<ScoredSample> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Version 1 of the encoding. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ScoredSample> {
        public Snapshot() {
            super(ScoredSampleSerializer::new);
        }
    }
}
