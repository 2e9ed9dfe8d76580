package dev.vigil.sinks.postgres;

import java.io.Serializable;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;

/**
 * Where and how results are written: the JDBC URL, user and password (the password comes from an
 * environment variable, never from a file in the repository), and the batching of the upserts.
 */
public record PostgresSettings(String url, String user, String password, int batchSize, long batchIntervalMs,
        int maxRetries) implements Serializable {

    /** The environment variable the password is read from unless another is configured. */
    public static final String DEFAULT_PASSWORD_ENV = "VIGIL_JDBC_PASSWORD";

    public PostgresSettings {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("JDBC URL must start with jdbc:postgresql:, was " + url);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive");
        }
    }

    /** The URL with pgjdbc's rewriting of batched inserts into multi-row statements switched on. */
    public String batchingUrl() {
        if (url.contains("reWriteBatchedInserts")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }

    JdbcConnectionOptions connectionOptions() {
        return connectionOptions(true);
    }

    /** Connection options, with pgjdbc's multi-row rewriting of batches when {@code rewriteBatches}. */
    JdbcConnectionOptions connectionOptions(boolean rewriteBatches) {
        if (!rewriteBatches && url.contains("reWriteBatchedInserts=true")) {
            throw new IllegalArgumentException("this sink needs one statement per row: remove reWriteBatchedInserts "
                    + "from " + url);
        }
        JdbcConnectionOptions.JdbcConnectionOptionsBuilder b = new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                .withUrl(rewriteBatches ? batchingUrl() : url)
                .withDriverName("org.postgresql.Driver");
        if (user != null) {
            b.withUsername(user);
        }
        if (password != null) {
            b.withPassword(password);
        }
        return b.build();
    }

    JdbcExecutionOptions executionOptions() {
        return JdbcExecutionOptions.builder()
                .withBatchSize(batchSize)
                .withBatchIntervalMs(batchIntervalMs)
                .withMaxRetries(maxRetries)
                .build();
    }
}
