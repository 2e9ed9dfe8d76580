package dev.vigil.sinks.postgres;

import dev.vigil.core.event.Rejection;
import dev.vigil.core.event.ScoredSample;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

/**
 * The Flink sinks for Vigil's tables: batched upserts through flink-connector-jdbc, flushed on every
 * checkpoint (at-least-once delivery on natural keys, so exactly-once in effect).
 */
public final class PostgresSinks {

    private PostgresSinks() {
    }

    public static JdbcSink<ScoredSample> nodeMetrics(PostgresSettings settings) {
        return build(settings, Statements.NODE_METRICS_UPSERT, new Statements.NodeMetrics());
    }

    public static JdbcSink<ScoredSample> nodeScores(PostgresSettings settings) {
        return build(settings, Statements.NODE_SCORES_UPSERT, new Statements.NodeScores());
    }

    public static JdbcSink<Rejection> rejections(PostgresSettings settings) {
        return build(settings, Statements.REJECTION_UPSERT, new Statements.Rejections());
    }

    private static <T> JdbcSink<T> build(PostgresSettings settings, String sql, JdbcStatementBuilder<T> binder) {
        return JdbcSink.<T>builder()
                .withQueryStatement(sql, binder)
                .withExecutionOptions(settings.executionOptions())
                .buildAtLeastOnce(settings.connectionOptions());
    }
}
