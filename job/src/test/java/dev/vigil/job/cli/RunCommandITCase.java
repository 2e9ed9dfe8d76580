package dev.vigil.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.sinks.postgres.EmbeddedPostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code vigil run} as the README shows it: migrates the schema and writes every sample to Postgres. */
class RunCommandITCase {

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @Test
    void simulatorAndFileIntoPostgres() throws Exception {
        int exit = VigilCli.execute("run", "--jdbc-url", PG.url(), "--jdbc-user", "postgres",
                "--simulate", "--nodes", "3", "--span", "2h", "--episodes", "2",
                "--input", "../testdata/seed-table2.csv", "--state", "rocksdb");
        assertThat(exit).isZero();
        assertThat(PG.count("SELECT count(*) FROM node_scores WHERE node LIKE 'node-%'")).isEqualTo(3 * 720);
        assertThat(PG.count("SELECT count(*) FROM node_metrics WHERE node = 'seed-table2'")).isEqualTo(15);
        assertThat(PG.count("SELECT count(*) FROM flyway_schema_history WHERE success")).isEqualTo(7);
    }

    @Test
    void refusesToRunWithoutPostgresOrInput() {
        assertThat(VigilCli.execute("run", "--simulate")).isEqualTo(2);
        assertThat(VigilCli.execute("run", "--jdbc-url", PG.url(), "--jdbc-user", "postgres")).isEqualTo(2);
    }
}
