package dev.vigil.sources.types;

import dev.vigil.core.event.Rejection;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link Rejection}: its four texts and the original size. */
public final class RejectionSerializer extends RecordTypeSerializer<Rejection> {

    private static final long serialVersionUID = 1L;

    static void write(Rejection r, DataOutputView out) throws IOException {
        Codec.writeText(r.source(), out);
        Codec.writeText(r.location(), out);
        Codec.writeText(r.reason(), out);
        Codec.writeText(r.payload(), out);
        out.writeLong(r.payloadBytes());
    }

    static Rejection read(DataInputView in) throws IOException {
        return new Rejection(Codec.readText(in), Codec.readText(in), Codec.readText(in),
                Codec.readText(in), in.readLong());
    }

    @Override
    public void serialize(Rejection record, DataOutputView target) throws IOException {
        write(record, target);
    }

    @Override
    public Rejection deserialize(DataInputView source) throws IOException {
        return read(source);
    }

    @Override
    public TypeSerializerSnapshot<Rejection> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Version 1 of the encoding. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Rejection> {
        public Snapshot() {
            super(RejectionSerializer::new);
        }
    }
}
