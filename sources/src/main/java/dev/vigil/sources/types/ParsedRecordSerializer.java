package dev.vigil.sources.types;

import dev.vigil.core.event.ParsedRecord;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link ParsedRecord}: a tag, then the sample or the rejection. */
public final class ParsedRecordSerializer extends RecordTypeSerializer<ParsedRecord> {

    private static final long serialVersionUID = 1L;

    @Override
    public void serialize(ParsedRecord record, DataOutputView out) throws IOException {
        out.writeBoolean(record.isSample());
        if (record.isSample()) {
            Codec.writeSample(record.sample(), null, out);
        } else {
            RejectionSerializer.write(record.rejection(), out);
        }
    }

    @Override
    public ParsedRecord deserialize(DataInputView in) throws IOException {
        return in.readBoolean() ? ParsedRecord.ok(Codec.readSample(null, in))
                : ParsedRecord.rejected(RejectionSerializer.read(in));
    }

    @Override
    public TypeSerializerSnapshot<ParsedRecord> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Version 1 of the encoding. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ParsedRecord> {
        public Snapshot() {
            super(ParsedRecordSerializer::new);
        }
    }
}
