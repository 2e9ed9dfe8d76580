package dev.vigil.sinks.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Postgres (binaries from Maven) for one test class, with Vigil's schema migrated. It can be stopped
 * and started again on the same port and data, as an outage. fsync is off (tests do not survive an OS
 * crash), but synchronous_commit stays on: Vigil's exactly-once rests on an acknowledged commit surviving
 * the database process, and a stop that has to kill the postmaster must not lose acknowledged rows.
 */
public final class EmbeddedPostgresExtension implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedPostgres postgres;
    private Path dataDir;
    private int port;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("vigil-pg-");
        start();
        SchemaMigrator.migrate(settings());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        stop();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Starts Postgres (again) on the same port and data directory: an outage ends. */
    public void start() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off");
        if (port > 0) {
            builder.setPort(port);
        }
        postgres = builder.start();
        port = postgres.getPort();
    }

    /** Stops Postgres, keeping its data: an outage begins. */
    public void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    public String url() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** Settings for the sinks: small batches so that tests see rows soon. */
    public PostgresSettings settings() {
        return new PostgresSettings(url(), "postgres", null, 200, 200, 3);
    }

    public Connection connect() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    /** Empties every Vigil table. */
    public void truncate() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE node_metrics, node_scores, rejected_records, raw_events");
        }
    }

    /** The rows of {@code sql}, each as a list of its column values. */
    public List<List<Object>> query(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** The single number {@code sql} returns. */
    public long count(String sql) throws SQLException {
        return ((Number) query(sql).get(0).get(0)).longValue();
    }
}
