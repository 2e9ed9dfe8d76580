package dev.vigil.job.cli;

import dev.vigil.core.event.Rejection;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.job.JobSettings;
import dev.vigil.job.pipeline.Input;
import dev.vigil.job.pipeline.Outputs;
import dev.vigil.job.pipeline.PostgresOutputs;
import dev.vigil.job.pipeline.VigilPipeline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Files replayed through the streaming pipeline (bounded, event time) with every score and rejection
 * collected: what `vigil score`, `vigil train` and `vigil evaluate` read, so their z-scores are exactly
 * the stream's.
 */
record Replay(List<ScoredSample> scores, List<Rejection> rejected) {

    /** Replays {@code inputs}; writes to Postgres too when {@code vigil.jdbc.url} is configured. */
    static Replay of(List<Input> inputs, Configuration conf) throws Exception {
        conf.set(RestOptions.BIND_PORT, "0");
        JobSettings settings = JobSettings.from(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        List<CloseableIterator<Collected>> collected = new ArrayList<>(1);
        Outputs collect = (s, r) -> collected.add(Collected.union(s, r).collectAsync());
        Outputs outputs = Environments.migratedPostgres(conf).map(PostgresOutputs::new)
                .map(pg -> Outputs.both(collect, pg)).orElse(collect);
        VigilPipeline.build(env, inputs, outputs, settings);
        env.executeAsync("vigil replay");
        List<ScoredSample> rows = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        try (CloseableIterator<Collected> it = collected.get(0)) {
            it.forEachRemaining(c -> {
                if (c.score() != null) {
                    rows.add(c.score());
                } else {
                    rejected.add(c.rejection());
                }
            });
        }
        rows.sort(Comparator.comparing(ScoredSample::node).thenComparingLong(ScoredSample::ts));
        return new Replay(rows, rejected);
    }

    /** Prints the rejections (the first 20) on standard error. */
    void reportRejections() {
        if (!rejected.isEmpty()) {
            System.err.printf("%d records rejected:%n", rejected.size());
            rejected.stream().limit(20).forEach(r ->
                    System.err.printf("  %s line %s: %s%n", r.source(), r.location(), r.reason()));
            if (rejected.size() > 20) {
                System.err.printf("  ... and %d more%n", rejected.size() - 20);
            }
        }
    }
}
