package dev.vigil.sources.types;

import dev.vigil.core.event.MetricSample;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link MetricSample} on the wire: see {@link Codec#writeSample}. */
public final class MetricSampleSerializer extends RecordTypeSerializer<MetricSample> {

    private static final long serialVersionUID = 1L;

    @Override
    public void serialize(MetricSample record, DataOutputView target) throws IOException {
        Codec.writeSample(record, null, target);
    }

    @Override
    public MetricSample deserialize(DataInputView source) throws IOException {
        return Codec.readSample(null, source);
    }

    @Override
    public TypeSerializerSnapshot<MetricSample> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Version 1 of the encoding. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<MetricSample> {
        public Snapshot() {
            super(MetricSampleSerializer::new);
        }
    }
}
