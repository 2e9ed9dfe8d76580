package dev.vigil.job.pipeline;

import dev.vigil.core.event.ParsedRecord;
import dev.vigil.job.JobSettings;
import dev.vigil.sources.format.ParseOptions;
import dev.vigil.sources.kafka.KafkaSamples;
import dev.vigil.sources.kafka.KafkaSettings;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Node metrics from a Kafka topic, watermarked per partition (with idleness, so a quiet partition does not
 * hold back event time); {@code bounded} stops at the offsets that are the latest when the job starts.
 */
public record KafkaInput(KafkaSettings kafka, boolean bounded) implements Input {

    @Override
    public String id() {
        return "kafka-" + kafka.topic();
    }

    @Override
    public DataStream<ParsedRecord> attach(StreamExecutionEnvironment env, JobSettings settings) {
        ParseOptions options = ParseOptions.defaults().withMaxRecordBytes(settings.maxRecordBytes());
        return env.fromSource(KafkaSamples.source(kafka, options, bounded), Watermarks.forParsedRecords(settings),
                        "kafka " + kafka.topic())
                .uid("source-" + id());
    }
}
