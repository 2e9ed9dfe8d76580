package dev.vigil.job.pipeline;

import dev.vigil.core.flow.PeerHistory;
import dev.vigil.sources.types.RecordTypeSerializer;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** The destination IPs a node talked to recently, in keyed state; mutable, so copies are deep. */
public final class PeerHistorySerializer extends RecordTypeSerializer<PeerHistory> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public PeerHistory copy(PeerHistory from) {
        return from.copy();
    }

    @Override
    public PeerHistory copy(PeerHistory from, PeerHistory reuse) {
        return copy(from);
    }

    @Override
    public void serialize(PeerHistory history, DataOutputView out) throws IOException {
        history.writeTo(out);
    }

    @Override
    public PeerHistory deserialize(DataInputView in) throws IOException {
        return PeerHistory.readFrom(in);
    }

    @Override
    public TypeSerializerSnapshot<PeerHistory> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Version 1 of the encoding. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<PeerHistory> {
        public Snapshot() {
            super(PeerHistorySerializer::new);
        }
    }
}
