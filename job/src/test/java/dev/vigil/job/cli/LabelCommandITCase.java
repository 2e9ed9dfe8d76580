package dev.vigil.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.ScoredSample;
import dev.vigil.sinks.postgres.CopyUpsertSink;
import dev.vigil.sinks.postgres.EmbeddedPostgresExtension;
import dev.vigil.sinks.postgres.SampleTables;
import dev.vigil.sinks.postgres.SchemaMigrator;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code vigil label} marks one node's interval, inclusive, in both tables, and unlabelled rewrites keep it. */
class LabelCommandITCase {

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    private static final long T0 = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();

    @BeforeEach
    void rows() throws Exception {
        SchemaMigrator.migrate(PG.settings());
        PG.truncate();
        for (String node : new String[] {"worker-1", "worker-2"}) {
            for (int i = 0; i < 10; i++) {
                write(new ScoredSample(node, T0 + i * 10_000L, new String[] {"load1"}, new double[] {i},
                        new double[] {0}, 0, false, new String[0], new double[0], null));
            }
        }
    }

    private static void write(ScoredSample s) throws Exception {
        CopyUpsertSink.writeAll(PG.settings(), new SampleTables.NodeMetrics(), List.of(s));
        CopyUpsertSink.writeAll(PG.settings(), new SampleTables.NodeScores(), List.of(s));
    }

    private static String[] label(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "label";
        all[1] = "--jdbc-url";
        all[2] = PG.url();
        all[3] = "--jdbc-user";
        all[4] = "postgres";
        System.arraycopy(args, 0, all, 5, args.length);
        return all;
    }

    @Test
    void labelsTheIntervalOfOneNodeInBothTables() throws Exception {
        int exit = VigilCli.execute(label("--node", "worker-1", "--from", "2026-03-01T10:00:20Z",
                "--to", "2026-03-01T10:00:50Z", "--attack", "1", "--kind", "cryptomining"));
        assertThat(exit).isZero();
        assertThat(PG.count("SELECT count(*) FROM node_metrics WHERE attack = 1 AND attack_kind = 'cryptomining' "
                + "AND node = 'worker-1'")).isEqualTo(4);
        assertThat(PG.count("SELECT count(*) FROM node_scores WHERE attack = 1")).isEqualTo(4);
        assertThat(PG.count("SELECT count(*) FROM node_metrics WHERE attack IS NOT NULL AND node = 'worker-2'")).isZero();

        // The stream writes a labelled row again, without a label: the label stays.
        write(new ScoredSample("worker-1", T0 + 30_000, new String[] {"load1"}, new double[] {3}, new double[] {0}, 0,
                false, new String[0], new double[0], null));
        assertThat(PG.count("SELECT count(*) FROM node_metrics WHERE attack = 1")).isEqualTo(4);

        assertThat(VigilCli.execute(label("--node", "worker-1", "--from", Long.toString(T0 + 30_000),
                "--to", Long.toString(T0 + 30_000), "--attack", "0"))).isZero();
        assertThat(PG.count("SELECT count(*) FROM node_metrics WHERE attack = 1")).isEqualTo(3);
        assertThat(PG.count("SELECT count(*) FROM node_metrics WHERE attack = 0 AND attack_kind IS NULL")).isEqualTo(1);
    }

    @Test
    void refusesWhatCannotBeALabel() {
        assertThat(VigilCli.execute(label("--node", "worker-1", "--from", "2026-03-01T10:00:00Z", "--to",
                "2026-03-01T09:00:00Z", "--attack", "1"))).isEqualTo(2);
        assertThat(VigilCli.execute(label("--node", "worker-1", "--from", "yesterday", "--to",
                "2026-03-01T09:00:00Z", "--attack", "1"))).isEqualTo(2);
        assertThat(VigilCli.execute(label("--node", "worker-1", "--from", "2026-03-01T10:00:00Z", "--to",
                "2026-03-01T11:00:00Z", "--attack", "2"))).isEqualTo(2);
        assertThat(VigilCli.execute(label("--node", "worker-1", "--from", "2026-03-01T10:00:00Z", "--to",
                "2026-03-01T11:00:00Z", "--attack", "0", "--kind", "fork_bomb"))).isEqualTo(2);
        assertThat(VigilCli.execute(label("--node", "nobody", "--from", "2026-03-01T10:00:00Z", "--to",
                "2026-03-01T11:00:00Z", "--attack", "1"))).as("no rows").isEqualTo(1);
    }
}
