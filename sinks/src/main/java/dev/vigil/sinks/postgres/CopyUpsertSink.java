package dev.vigil.sinks.postgres;

import de.bytefish.pgbulkinsert.PgBulkInsert;
import de.bytefish.pgbulkinsert.mapping.AbstractMapping;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upserts into a high-volume table over Postgres' binary COPY protocol. A batch whose keys are all new is
 * copied straight into the table; one that meets existing rows (a replay after recovery) fails on the
 * primary key, is rolled back and is copied into a temporary table of the session instead, then merged with
 * {@code INSERT ... SELECT ... ON CONFLICT DO UPDATE}, in one transaction. Either way the table ends as if
 * every row had been upserted, and no number is parsed from text on either side, which is what bounded the
 * row-by-row upserts (docs/BENCHMARKS.md).
 *
 * <p>Delivery as the other sinks: batches are written when full, after {@code vigil.jdbc.batch-interval}
 * and before every checkpoint barrier (at least once), into natural keys (exactly once in effect). A failed
 * batch is retried on a new connection with growing pauses ({@code vigil.jdbc.max-retries}); then the task
 * fails and the job restarts from its last checkpoint. Closing never flushes and never throws: rows not
 * written by the last checkpoint are replayed from it, and an exception in a failing task's cleanup would
 * shut the TaskManager down.
 */
public final class CopyUpsertSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;
    /** Batches merged through the staging table after one met existing rows, before a direct copy is tried again. */
    static final int MERGES_AFTER_CONFLICT = 20;

    private final PostgresSettings settings;
    private final CopyTable<T> table;

    public CopyUpsertSink(PostgresSettings settings, CopyTable<T> table) {
        this.settings = settings;
        this.table = table;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new Writer<>(settings, table, context.getProcessingTimeService(),
                context.metricGroup().getNumRecordsSendCounter());
    }

    /** Upserts {@code rows} as the sink's writer does, outside a job (for tools and tests). */
    public static <T> void writeAll(PostgresSettings settings, CopyTable<T> table, Collection<T> rows)
            throws IOException, InterruptedException {
        Writer<T> writer = new Writer<>(settings, table, null, new SimpleCounter());
        try {
            for (T row : rows) {
                writer.write(row, null);
            }
            writer.flush(true);
        } finally {
            writer.close();
        }
    }

    static final class Writer<T> implements SinkWriter<T> {
        private static final Logger LOG = LoggerFactory.getLogger(CopyUpsertSink.class);

        private final PostgresSettings settings;
        private final CopyTable<T> table;
        private final ProcessingTimeService time;
        private final Counter sent;
        private final String stage;
        private final AbstractMapping<T> mapping;
        private final PgBulkInsert<T> staged;
        private final PgBulkInsert<T> direct;
        private int mergesLeft;
        private final Map<Object, T> batch = new LinkedHashMap<>();
        private Connection connection;
        private PreparedStatement merge;
        private boolean flushScheduled;

        Writer(PostgresSettings settings, CopyTable<T> table, ProcessingTimeService time, Counter sent) {
            this.settings = settings;
            this.table = table;
            this.time = time;
            this.sent = sent;
            this.stage = "vigil_stage_" + table.table();
            this.mapping = table.mapping("pg_temp", stage);
            this.staged = new PgBulkInsert<>(mapping);
            // No schema: the table the search path finds, as for the merge and every other statement.
            this.direct = new PgBulkInsert<>(table.mapping(null, table.table()));
        }

        @Override
        public void write(T row, Context context) throws IOException, InterruptedException {
            batch.put(table.key(row), row);
            if (batch.size() >= settings.batchSize()) {
                flush(false);
            } else if (!flushScheduled && time != null && settings.batchIntervalMs() > 0) {
                flushScheduled = true;
                time.registerTimer(time.getCurrentProcessingTime() + settings.batchIntervalMs(), t -> {
                    flushScheduled = false;
                    flush(false);
                });
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            if (batch.isEmpty()) {
                return;
            }
            List<T> rows = new ArrayList<>(batch.values());
            for (int attempt = 0; ; attempt++) {
                try {
                    writeBatch(rows);
                    sent.inc(rows.size());
                    batch.clear();
                    return;
                } catch (SQLException | RuntimeException e) {
                    disconnect();
                    if (attempt >= settings.maxRetries()) {
                        throw new IOException("writing " + rows.size() + " rows to " + table.table() + " failed after "
                                + (attempt + 1) + " attempts", e);
                    }
                    LOG.warn("Writing {} rows to {} failed (attempt {} of {}), retrying: {}", rows.size(),
                            table.table(), attempt + 1, settings.maxRetries() + 1, e.getMessage());
                    Thread.sleep(1000L * (attempt + 1));
                }
            }
        }

        /**
         * Copies a batch straight into the table while its keys are new there, which is the usual case; a
         * batch that meets a row it already has (replayed after a recovery) is rolled back and merged through
         * the staging table, as are the next few batches.
         */
        private void writeBatch(List<T> rows) throws SQLException {
            if (connection == null) {
                connect();
            }
            table.prepare(connection, rows);
            PGConnection pg = connection.unwrap(PGConnection.class);
            if (mergesLeft == 0) {
                try {
                    direct.saveAll(pg, rows);
                    connection.commit();
                    return;
                } catch (SQLException | RuntimeException e) {
                    if (!isUniqueViolation(e)) {
                        throw e;
                    }
                    connection.rollback();
                    mergesLeft = MERGES_AFTER_CONFLICT;
                }
            } else {
                mergesLeft--;
            }
            staged.saveAll(pg, rows);
            merge.executeUpdate();
            connection.commit();
        }

        private static boolean isUniqueViolation(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                    return true;
                }
            }
            return false;
        }

        private void connect() throws SQLException {
            Connection c = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
            try {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TEMP TABLE IF NOT EXISTS " + stage + " (LIKE " + table.table()
                            + " INCLUDING DEFAULTS) ON COMMIT DELETE ROWS");
                }
                c.commit();
                merge = c.prepareStatement(table.mergeSql(stage, mapping));
                connection = c;
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
        }

        private void disconnect() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    LOG.debug("Closing a failed connection", e);
                }
                connection = null;
                merge = null;
            }
        }

        @Override
        public void close() {
            if (!batch.isEmpty()) {
                LOG.info("{} rows for {} not written at close; they are replayed from the last checkpoint",
                        batch.size(), table.table());
            }
            disconnect();
        }
    }
}
