package dev.vigil.job.cli;

import dev.vigil.core.event.ScoredSample;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
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
        Replay replay = Replay.of(input.fileInputs(), Environments.harden(config.configuration()));
        List<ScoredSample> rows = replay.scores();
        ScoreWriter.write(output, rows);
        long anomalies = rows.stream().filter(ScoredSample::anomaly).count();
        System.err.printf("scored %d samples of %d nodes, %d anomalies -> %s%n", rows.size(),
                rows.stream().map(ScoredSample::node).distinct().count(), anomalies, output);
        replay.reportRejections();
        return 0;
    }
}
