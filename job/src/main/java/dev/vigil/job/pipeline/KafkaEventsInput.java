package dev.vigil.job.pipeline;

import dev.vigil.core.event.RawEvent;
import dev.vigil.sources.events.EventFormat;
import dev.vigil.job.JobSettings;
import dev.vigil.sources.kafka.KafkaSamples;
import dev.vigil.sources.kafka.KafkaSettings;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The flow/event topic: raw events as they arrived, parsed in {@code format} by {@link EventRouter}. */
public record KafkaEventsInput(KafkaSettings kafka, String topic, boolean bounded, EventFormat format) implements EventsInput {

    public KafkaEventsInput(KafkaSettings kafka, String topic, boolean bounded) {
        this(kafka, topic, bounded, EventFormat.AUTO);
    }

    /** The topic: the uids of this input's operators end with it. */
    @Override
    public String id() {
        return topic;
    }

    @Override
    public DataStream<RawEvent> attach(StreamExecutionEnvironment env, JobSettings settings) {
        return env.fromSource(KafkaSamples.events(kafka, topic, settings.maxRecordBytes(), bounded),
                        WatermarkStrategy.noWatermarks(), "kafka " + topic)
                .uid("source-kafka-events-" + topic);
    }
}
