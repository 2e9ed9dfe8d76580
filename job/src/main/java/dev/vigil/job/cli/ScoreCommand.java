package dev.vigil.job.cli;

import dev.vigil.core.event.Rejection;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.job.JobSettings;
import dev.vigil.job.pipeline.Outputs;
import dev.vigil.job.pipeline.PostgresOutputs;
import dev.vigil.job.pipeline.VigilPipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Replays files through the same pipeline as the stream (bounded, event time) and writes every score. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Replay node-metrics files through the pipeline and write one scored row per sample.")
public final class ScoreCommand implements Callable<Integer> {

    @Mixin
    InputFlags input;

    @Mixin
    ConfigFlags config;

    @Option(names = "--output", required = true,
            description = "Where to write the scores: FILE.csv, FILE.jsonl, or - for CSV on standard output.")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (input.inputs == null || input.inputs.isEmpty()) {
            System.err.println("vigil score: give at least one --input FILE");
            return 2;
        }
        Configuration conf = Environments.harden(config.configuration());
        conf.set(RestOptions.BIND_PORT, "0");
        JobSettings settings = JobSettings.from(conf);
        Optional<Outputs> postgres = Environments.migratedPostgres(conf).map(PostgresOutputs::new);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        List<CloseableIterator<Collected>> collected = new ArrayList<>(1);
        Outputs collect = (s, r) -> collected.add(Collected.union(s, r).collectAsync());
        VigilPipeline.build(env, input.fileInputs(), postgres.map(pg -> Outputs.both(collect, pg)).orElse(collect),
                settings);
        env.executeAsync("vigil score");

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
        ScoreWriter.write(output, rows);

        long anomalies = rows.stream().filter(ScoredSample::anomaly).count();
        System.err.printf("scored %d samples of %d nodes, %d anomalies -> %s%n", rows.size(),
                rows.stream().map(ScoredSample::node).distinct().count(), anomalies, output);
        if (!rejected.isEmpty()) {
            System.err.printf("%d records rejected:%n", rejected.size());
            rejected.stream().limit(20).forEach(r ->
                    System.err.printf("  %s line %s: %s%n", r.source(), r.location(), r.reason()));
            if (rejected.size() > 20) {
                System.err.printf("  ... and %d more%n", rejected.size() - 20);
            }
        }
        return 0;
    }
}
