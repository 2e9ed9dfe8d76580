package dev.vigil.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil bench} runs every benchmark end to end on a small input and writes its table. */
class BenchCommandITCase {

    @TempDir
    Path tmp;

    @Test
    void printsEveryFigureWithItsRatio() throws Exception {
        Path table = tmp.resolve("bench.md");
        assertThat(VigilCli.execute("bench", "--records", "3000", "--nodes", "10", "--runs", "1",
                "--sink-rows", "1000", "--markdown", table.toString())).isZero();
        String markdown = Files.readString(table);
        assertThat(markdown).contains("| benchmark | Vigil records/s | baseline records/s | ratio |");
        assertThat(markdown.lines().filter(l -> l.startsWith("| (")).toList()).hasSize(7)
                .allSatisfy(l -> assertThat(l).matches("\\| \\(.*\\| [0-9,]+ \\| [0-9,]+ \\| [0-9.]+ \\|"));
        assertThat(markdown).contains("| model | microseconds per window | windows/s |");
        for (String model : List.of("rf", "linear", "svm", "xgboost", "mlp", "lstm", "gru")) {
            assertThat(markdown).containsPattern("\\| " + model + " \\| [0-9,.]+ \\| [0-9,]+ \\|");
        }
    }
}
