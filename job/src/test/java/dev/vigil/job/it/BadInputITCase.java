package dev.vigil.job.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.job.JobSettings;
import dev.vigil.job.pipeline.FileInput;
import dev.vigil.job.pipeline.Input;
import dev.vigil.job.pipeline.PostgresOutputs;
import dev.vigil.job.pipeline.VigilPipeline;
import dev.vigil.sinks.postgres.EmbeddedPostgresExtension;
import dev.vigil.sources.file.FileSamples;
import dev.vigil.sources.format.ParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input through the real job into a real Postgres: each valid row lands, each bad one is
 * in rejected_records with its reason and payload, and the job runs to the end instead of failing.
 */
class BadInputITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @TempDir
    Path tmp;

    @BeforeEach
    void clean() throws Exception {
        PG.truncate();
    }

    private static void run(List<Input> inputs) throws Exception {
        Configuration conf = TestJobs.configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        VigilPipeline.build(env, inputs, new PostgresOutputs(PG.settings()), JobSettings.from(conf));
        env.execute("bad input");
    }

    @Test
    void jsonLinesEachValidRowLandsEachBadOneIsRejectedWithItsReason() throws Exception {
        Path file = tmp.resolve("bad-input.jsonl");
        String fixture = Files.readString(Path.of("../testdata/bad-input.jsonl"));
        String huge = "{\"node\":\"n3\",\"ts\":1,\"metrics\":{\"a\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}}";
        Files.writeString(file, fixture + huge + "\n");

        run(List.of(new FileInput(file, ParseOptions.defaults())));

        assertThat(PG.query("SELECT node, to_char(ts AT TIME ZONE 'UTC', 'HH24:MI:SS') FROM node_metrics "
                + "ORDER BY node, ts")).containsExactly(
                List.of("n1", "00:00:00"), List.of("n1", "00:00:10"), List.of("n1", "00:00:17"),
                List.of("n1", "00:00:20"), List.of("n1", "00:01:00"),
                List.of("n2", "00:00:00"), List.of("n2", "00:00:10"));
        assertThat(PG.count("SELECT count(*) FROM node_scores")).isEqualTo(7);
        assertThat((Double) PG.query("SELECT cpu_sec_idle FROM node_metrics WHERE node = 'n1' AND ts = "
                + "'2024-05-01T00:00:20Z'").get(0).get(0)).as("rate from the out-of-order 17 s sample").isCloseTo(
                (1016.0 - 1013.6) / 3, org.assertj.core.data.Offset.offset(1e-9));

        String source = FileSamples.sourceName(file);
        List<List<Object>> rejected = PG.query("SELECT location, reason, length(payload), payload_bytes "
                + "FROM rejected_records ORDER BY location::int");
        assertThat(rejected).extracting(r -> r.get(0)).containsExactly("2", "3", "4", "5", "7", "12", "13", "15");
        assertThat(rejected).extracting(r -> (String) r.get(1)).satisfiesExactly(
                r -> assertThat(r).startsWith("malformed JSON: Unexpected end-of-input"),
                r -> assertThat(r).isEqualTo("missing field 'ts'"),
                r -> assertThat(r).startsWith("malformed JSON: Non-standard token 'NaN'"),
                r -> assertThat(r).isEqualTo("metric 'load1': not a number: 'high'"),
                r -> assertThat(r).startsWith("duplicate sample: node n1 already has one at 2024-05-01T00:00:10Z"),
                r -> assertThat(r).startsWith("late sample: node n1 was already scored up to 2024-05-01T00:00:20Z"),
                r -> assertThat(r).startsWith("malformed JSON: Non-standard token 'Infinity'"),
                r -> assertThat(r).isEqualTo("record of " + huge.length() + " bytes exceeds the limit of 1048576 bytes"));
        assertThat(rejected.get(7).get(2)).as("payload cut to the limit").isEqualTo(1048576);
        assertThat(rejected.get(7).get(3)).isEqualTo((long) huge.length());
        assertThat(PG.query("SELECT DISTINCT source FROM rejected_records")).containsExactly(List.of(source));
        assertThat(PG.query("SELECT payload FROM rejected_records WHERE location = '5'").get(0).get(0))
                .isEqualTo(fixture.lines().toList().get(4));
    }

    @Test
    void paperCsvKeepsNaAsMissingAndRejectsText() throws Exception {
        run(List.of(new FileInput(Path.of("../testdata/bad-input.csv").toAbsolutePath(),
                ParseOptions.defaults().withNode("aks-node-1"))));
        assertThat(PG.query("SELECT node, load1, attack::int FROM node_metrics ORDER BY ts")).containsExactly(
                java.util.Arrays.asList("aks-node-1", null, 0), List.of("aks-node-1", 1.1, 1));
        assertThat(PG.query("SELECT location, reason FROM rejected_records"))
                .containsExactly(List.of("3", "column cpu_sec_idle: not a number: 'abc'"));
    }
}
