package dev.vigil.job.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil score} on the seed's Table 2: rates instead of raw counters, and z-scores after warm-up. */
class ScoreCommandITCase {

    @TempDir
    Path tmp;

    private List<CSVRecord> score(String... extra) throws Exception {
        Path out = tmp.resolve("scores.csv");
        String[] args = new String[6 + extra.length];
        System.arraycopy(new String[] {"score", "--input", "../testdata/seed-table2.csv", "--state", "heap",
                "--output=" + out}, 0, args, 0, 6);
        System.arraycopy(extra, 0, args, 6, extra.length);
        assertThat(VigilCli.execute(args)).isZero();
        try (Reader in = Files.newBufferedReader(out)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    @Test
    void table2BecomesRatesAndZScores() throws Exception {
        List<CSVRecord> rows = score("--warmup", "5");
        assertThat(rows).hasSize(15);
        assertThat(rows.get(0).get("node")).isEqualTo("seed-table2");
        assertThat(rows.get(0).get("ts")).isEqualTo("2023-02-12T12:33:32Z");
        assertThat(rows.get(0).get("cpu_sec_idle")).as("first sample: no rate").isEmpty();
        assertThat(Double.parseDouble(rows.get(1).get("cpu_sec_idle"))).as("754.765 -> 762.78 in 10 s")
                .isCloseTo(0.8015, within(1e-9));
        for (CSVRecord row : rows.subList(1, 15)) {
            assertThat(Double.parseDouble(row.get("cpu_sec_idle"))).isBetween(0.79, 0.88);
        }
        assertThat(Double.parseDouble(rows.get(1).get("net_receive"))).isCloseTo(196.7, within(1e-9));
        assertThat(rows.get(5).get("z_cpu_sec_idle")).as("4 rates so far: still warming up").isEmpty();
        assertThat(rows.get(6).get("z_cpu_sec_idle")).isNotEmpty();
        assertThat(rows.get(14).get("top_features")).contains("=");
        assertThat(rows.get(14).get("anomaly")).isEqualTo("false");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(VigilCli.execute("score", "--output", tmp.resolve("x.csv").toString())).isEqualTo(2);
        assertThat(VigilCli.execute("score", "--input", "../testdata/seed-table2.csv")).isEqualTo(2);
        assertThat(VigilCli.execute("no-such-command")).isEqualTo(2);
    }
}
