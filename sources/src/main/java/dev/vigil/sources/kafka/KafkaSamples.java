package dev.vigil.sources.kafka;

import dev.vigil.core.event.ParsedRecord;
import dev.vigil.core.event.RawEvent;
import dev.vigil.sources.format.ParseOptions;
import java.util.Properties;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** Builds Vigil's Kafka sources: node metrics, and the flow/event topic kept raw. */
public final class KafkaSamples {

    private KafkaSamples() {
    }

    /**
     * An unbounded source of node metrics (or, with {@code bounded}, one that stops at the offsets that are
     * the latest when the job starts, for replays and tests).
     */
    public static KafkaSource<ParsedRecord> source(KafkaSettings settings, ParseOptions options, boolean bounded) {
        return build(settings, settings.topic(), new SampleDeserializer(options), bounded);
    }

    /** The source of the flow/event topic {@code topic}, records kept unchanged. */
    public static KafkaSource<RawEvent> events(KafkaSettings settings, String topic, int maxRecordBytes,
            boolean bounded) {
        return build(settings, topic, new RawEventDeserializer(maxRecordBytes), bounded);
    }

    /**
     * Resumes from the group's committed offsets (earliest or latest without any) and commits them on every
     * checkpoint; the offsets in checkpoints are what recovery uses.
     */
    private static <T> KafkaSource<T> build(KafkaSettings settings, String topic,
            KafkaRecordDeserializationSchema<T> deserializer, boolean bounded) {
        Properties properties = new Properties();
        properties.putAll(settings.properties());
        properties.setProperty("commit.offsets.on.checkpoint", "true");
        OffsetResetStrategy reset = settings.startingOffsets().equals("latest")
                ? OffsetResetStrategy.LATEST : OffsetResetStrategy.EARLIEST;
        KafkaSourceBuilder<T> builder = KafkaSource.<T>builder()
                .setBootstrapServers(settings.bootstrapServers())
                .setTopics(topic)
                .setGroupId(settings.groupId())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(reset))
                .setDeserializer(deserializer)
                .setProperties(properties);
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }
}
