package dev.vigil.sources.kafka;

import dev.vigil.core.event.ParsedRecord;
import dev.vigil.sources.format.ParseOptions;
import java.util.Properties;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** Builds the Kafka source of node metrics. */
public final class KafkaSamples {

    private KafkaSamples() {
    }

    /**
     * An unbounded source (or, with {@code bounded}, one that stops at the offsets that are the latest when
     * the job starts, for replays and tests). It resumes from the group's committed offsets and commits them
     * on every checkpoint; offsets in checkpoints are what recovery uses.
     */
    public static KafkaSource<ParsedRecord> source(KafkaSettings settings, ParseOptions options, boolean bounded) {
        Properties properties = new Properties();
        properties.putAll(settings.properties());
        properties.setProperty("commit.offsets.on.checkpoint", "true");
        OffsetResetStrategy reset = settings.startingOffsets().equals("latest")
                ? OffsetResetStrategy.LATEST : OffsetResetStrategy.EARLIEST;
        KafkaSourceBuilder<ParsedRecord> builder = KafkaSource.<ParsedRecord>builder()
                .setBootstrapServers(settings.bootstrapServers())
                .setTopics(settings.topic())
                .setGroupId(settings.groupId())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(reset))
                .setDeserializer(new SampleDeserializer(options))
                .setProperties(properties);
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }
}
