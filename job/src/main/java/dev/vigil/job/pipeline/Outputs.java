package dev.vigil.job.pipeline;

import dev.vigil.core.event.Rejection;
import dev.vigil.core.event.ScoredSample;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Where a job's results go: the scored samples and the rejected records. */
public interface Outputs {

    void attach(DataStream<ScoredSample> scores, DataStream<Rejection> rejections);

    /** Both outputs of {@code a} and of {@code b}. */
    static Outputs both(Outputs a, Outputs b) {
        return (scores, rejections) -> {
            a.attach(scores, rejections);
            b.attach(scores, rejections);
        };
    }
}
