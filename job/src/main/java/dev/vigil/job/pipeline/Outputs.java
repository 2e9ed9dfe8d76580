package dev.vigil.job.pipeline;

import dev.vigil.core.event.RawEvent;
import dev.vigil.core.event.Rejection;
import dev.vigil.core.event.ScoredSample;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Where a job's results go: the scored samples, the rejected records and the raw flow/event records. */
public interface Outputs {

    void attach(DataStream<ScoredSample> scores, DataStream<Rejection> rejections);

    /** Where raw flow/event records go; by default nowhere (an output that does not keep them). */
    default void attachEvents(DataStream<RawEvent> events) {
    }

    /** Both outputs of {@code a} and of {@code b}. */
    static Outputs both(Outputs a, Outputs b) {
        return new Outputs() {
            @Override
            public void attach(DataStream<ScoredSample> scores, DataStream<Rejection> rejections) {
                a.attach(scores, rejections);
                b.attach(scores, rejections);
            }

            @Override
            public void attachEvents(DataStream<RawEvent> events) {
                a.attachEvents(events);
                b.attachEvents(events);
            }
        };
    }
}
