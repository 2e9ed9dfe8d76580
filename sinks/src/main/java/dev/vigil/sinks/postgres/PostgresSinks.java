package dev.vigil.sinks.postgres;

import dev.vigil.core.alerts.Incident;
import dev.vigil.core.event.FlowEvent;
import dev.vigil.core.event.RawEvent;
import dev.vigil.core.event.Rejection;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.flow.PodWindow;
import dev.vigil.core.window.WindowPrediction;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

/**
 * The Flink sinks for Vigil's tables: the two tables every sample writes to through {@link CopyUpsertSink}
 * (binary COPY), the others as batched upserts through flink-connector-jdbc; all flushed on every
 * checkpoint (at-least-once delivery on natural keys, so exactly-once in effect). A failed batch is retried
 * with growing pauses (vigil.jdbc.max-retries); then the task fails and the job restarts from its last
 * checkpoint, again and again with the restart strategy's backoff, until the database is back.
 */
public final class PostgresSinks {

    private PostgresSinks() {
    }

    /** Every sample's row: binary COPY, merged into the natural keys. */
    public static CopyUpsertSink<ScoredSample> nodeMetrics(PostgresSettings settings) {
        return new CopyUpsertSink<>(settings, new SampleTables.NodeMetrics());
    }

    /** Every sample's z-scores: binary COPY, merged into the natural keys. */
    public static CopyUpsertSink<ScoredSample> nodeScores(PostgresSettings settings) {
        return new CopyUpsertSink<>(settings, new SampleTables.NodeScores());
    }

    public static CleanlyClosingJdbcSink<Rejection> rejections(PostgresSettings settings) {
        return build(settings, Statements.REJECTION_UPSERT, new Statements.Rejections());
    }

    public static CleanlyClosingJdbcSink<FlowEvent> flowEvents(PostgresSettings settings) {
        return build(settings, Statements.FLOW_EVENT_UPSERT, new Statements.FlowEvents());
    }

    public static CleanlyClosingJdbcSink<PodWindow> podFlowWindows(PostgresSettings settings) {
        return build(settings, Statements.POD_FLOW_WINDOW_UPSERT, new Statements.PodFlowWindows());
    }

    public static CleanlyClosingJdbcSink<RawEvent> rawEvents(PostgresSettings settings) {
        return build(settings, Statements.RAW_EVENT_UPSERT, new Statements.RawEvents());
    }

    public static CleanlyClosingJdbcSink<WindowPrediction> windowPredictions(PostgresSettings settings) {
        return build(settings, Statements.WINDOW_PREDICTION_UPSERT, new Statements.WindowPredictions());
    }

    /**
     * Incidents are written each time they grow, so one batch may hold the same incident twice: their
     * upserts run one statement each, in order (a rewritten multi-row upsert would fail on the repeat).
     */
    public static CleanlyClosingJdbcSink<Incident> alerts(PostgresSettings settings) {
        return new CleanlyClosingJdbcSink<>(JdbcSink.<Incident>builder()
                .withQueryStatement(Statements.ALERT_UPSERT, new Statements.Alerts())
                .withExecutionOptions(settings.executionOptions())
                .buildAtLeastOnce(settings.connectionOptions(false)));
    }

    private static <T> CleanlyClosingJdbcSink<T> build(PostgresSettings settings, String sql,
            JdbcStatementBuilder<T> binder) {
        return new CleanlyClosingJdbcSink<>(JdbcSink.<T>builder()
                .withQueryStatement(sql, binder)
                .withExecutionOptions(settings.executionOptions())
                .buildAtLeastOnce(settings.connectionOptions()));
    }
}
