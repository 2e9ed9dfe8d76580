package dev.vigil.job.pipeline;

import dev.vigil.core.event.RawEvent;
import dev.vigil.job.JobSettings;
import dev.vigil.sources.events.EventFormat;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** A source of flow/event records as they arrived, parsed downstream in {@link #format()}. */
public interface EventsInput {

    /** Names the operators' uids ({@code parse-events-<id>}, {@code event-time-<id>}); stable across releases. */
    String id();

    EventFormat format();

    DataStream<RawEvent> attach(StreamExecutionEnvironment env, JobSettings settings);
}
