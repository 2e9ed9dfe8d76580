package dev.vigil.sources.types;

import dev.vigil.core.window.WindowPrediction;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link WindowPrediction}: node, span, model, verdict, probability and label. */
public final class WindowPredictionSerializer extends RecordTypeSerializer<WindowPrediction> {

    private static final long serialVersionUID = 1L;

    @Override
    public void serialize(WindowPrediction p, DataOutputView out) throws IOException {
        Codec.writeText(p.node(), out);
        out.writeLong(p.start());
        out.writeLong(p.end());
        Codec.writeText(p.model(), out);
        out.writeBoolean(p.attack());
        out.writeDouble(p.probability());
        Codec.writeLabel(p.label(), out);
    }

    @Override
    public WindowPrediction deserialize(DataInputView in) throws IOException {
        return new WindowPrediction(Codec.readText(in), in.readLong(), in.readLong(), Codec.readText(in),
                in.readBoolean(), in.readDouble(), Codec.readLabel(in));
    }

    @Override
    public TypeSerializerSnapshot<WindowPrediction> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Version 1 of the encoding. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<WindowPrediction> {
        public Snapshot() {
            super(WindowPredictionSerializer::new);
        }
    }
}
