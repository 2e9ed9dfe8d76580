package dev.vigil.sources.types;

import dev.vigil.core.alerts.Incident;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link Incident}, in streams and as a node's keyed state: times, counts, and the evidence arrays. */
public final class IncidentSerializer extends RecordTypeSerializer<Incident> {

    private static final long serialVersionUID = 1L;

    @Override
    public void serialize(Incident i, DataOutputView out) throws IOException {
        Codec.writeText(i.node(), out);
        out.writeLong(i.openedAt());
        out.writeLong(i.lastSeen());
        out.writeBoolean(i.closed());
        out.writeInt(i.windows());
        out.writeInt(i.zWindows());
        Codec.writeNames(i.features(), out);
        Codec.writeDoubles(i.maxAbsZ(), out);
        Codec.writeNames(i.models(), out);
        for (int w : i.modelWindows()) {
            out.writeInt(w);
        }
        Codec.writeDoubles(i.modelMaxProbability(), out);
        Codec.writeLabel(i.label(), out);
    }

    @Override
    public Incident deserialize(DataInputView in) throws IOException {
        String node = Codec.readText(in);
        long opened = in.readLong();
        long lastSeen = in.readLong();
        boolean closed = in.readBoolean();
        int windows = in.readInt();
        int zWindows = in.readInt();
        String[] features = Codec.readNames(in);
        double[] maxAbsZ = Codec.readDoubles(features.length, in);
        String[] models = Codec.readNames(in);
        int[] modelWindows = new int[models.length];
        for (int m = 0; m < modelWindows.length; m++) {
            modelWindows[m] = in.readInt();
        }
        double[] maxProbability = Codec.readDoubles(models.length, in);
        return new Incident(node, opened, lastSeen, closed, windows, zWindows, features, maxAbsZ, models, modelWindows,
                maxProbability, Codec.readLabel(in));
    }

    @Override
    public TypeSerializerSnapshot<Incident> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Version 1 of the encoding. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Incident> {
        public Snapshot() {
            super(IncidentSerializer::new);
        }
    }
}
