package dev.vigil.job.pipeline;

import dev.vigil.core.event.ParsedRecord;
import dev.vigil.job.JobSettings;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** One source of node metrics, attached to a job with event-time watermarks assigned at the source. */
public interface Input {

    /** Adds the source to {@code env} and returns its parsed records. */
    DataStream<ParsedRecord> attach(StreamExecutionEnvironment env, JobSettings settings);

    /** A stable name for this input, part of its operators' uids (and so of savepoint compatibility). */
    String id();
}
