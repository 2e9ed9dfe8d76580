package dev.vigil.job.pipeline;

import dev.vigil.core.flow.FlowPane;
import dev.vigil.sources.types.RecordTypeSerializer;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A node's flow pane in keyed state; mutable (events are added in place), so copies are deep. */
public final class FlowPaneSerializer extends RecordTypeSerializer<FlowPane> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public FlowPane copy(FlowPane from) {
        return from.copy();
    }

    @Override
    public FlowPane copy(FlowPane from, FlowPane reuse) {
        return from.copy();
    }

    @Override
    public void serialize(FlowPane pane, DataOutputView out) throws IOException {
        pane.writeTo(out);
    }

    @Override
    public FlowPane deserialize(DataInputView in) throws IOException {
        return FlowPane.readFrom(in);
    }

    @Override
    public TypeSerializerSnapshot<FlowPane> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Version 1 of the encoding. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<FlowPane> {
        public Snapshot() {
            super(FlowPaneSerializer::new);
        }
    }
}
