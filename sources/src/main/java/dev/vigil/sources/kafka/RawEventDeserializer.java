package dev.vigil.sources.kafka;

import dev.vigil.core.event.RawEvent;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Keeps each Kafka record of the flow/event topic as a raw event. Never throws; cuts oversized payloads. */
public final class RawEventDeserializer implements KafkaRecordDeserializationSchema<RawEvent> {

    private static final long serialVersionUID = 1L;

    private final int maxRecordBytes;

    public RawEventDeserializer(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawEvent> out) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        String payload = new String(value, 0, Math.min(value.length, maxRecordBytes), StandardCharsets.UTF_8);
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        out.collect(new RawEvent("kafka:" + record.topic(), record.partition() + "@" + record.offset(),
                Math.max(0, record.timestamp()), key, payload, value.length));
    }

    @Override
    public TypeInformation<RawEvent> getProducedType() {
        return TypeInformation.of(RawEvent.class);
    }
}
