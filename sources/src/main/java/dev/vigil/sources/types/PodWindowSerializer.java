package dev.vigil.sources.types;

import dev.vigil.core.flow.FlowFeatures;
import dev.vigil.core.flow.PodWindow;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link PodWindow}: node, namespace, pod, span, the flow features (in {@link FlowFeatures} order) and label. */
public final class PodWindowSerializer extends RecordTypeSerializer<PodWindow> {

    private static final long serialVersionUID = 1L;

    @Override
    public void serialize(PodWindow w, DataOutputView out) throws IOException {
        Codec.writeText(w.node(), out);
        Codec.writeText(w.namespace(), out);
        Codec.writeText(w.pod(), out);
        out.writeLong(w.start());
        out.writeLong(w.end());
        Codec.writeDoubles(w.values(), out);
        Codec.writeLabel(w.attack(), out);
    }

    @Override
    public PodWindow deserialize(DataInputView in) throws IOException {
        return new PodWindow(Codec.readText(in), Codec.readText(in), Codec.readText(in), in.readLong(), in.readLong(),
                Codec.readDoubles(FlowFeatures.NAMES.size(), in), Codec.readLabel(in));
    }

    @Override
    public TypeSerializerSnapshot<PodWindow> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Version 1 of the encoding. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<PodWindow> {
        public Snapshot() {
            super(PodWindowSerializer::new);
        }
    }
}
