package dev.vigil.job.cli;

import dev.vigil.core.event.Rejection;
import dev.vigil.core.event.ScoredSample;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/** A score or a rejection, so that a replay collects both outputs through one stream. */
public record Collected(ScoredSample score, Rejection rejection) {

    /** Both outputs of a pipeline as one stream. */
    static DataStream<Collected> union(DataStream<ScoredSample> scores, DataStream<Rejection> rejections) {
        return scores.map(score -> new Collected(score, null), TypeInformation.of(Collected.class))
                .union(rejections.map(rejection -> new Collected(null, rejection), TypeInformation.of(Collected.class)));
    }
}
