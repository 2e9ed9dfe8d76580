package dev.vigil.sinks.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.alerts.Incident;
import dev.vigil.core.event.FlowEvent;
import dev.vigil.core.event.Rejection;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.window.WindowPrediction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The upserts and their binders against a real Postgres with the migrated schema. */
class StatementsTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    private static final String EVIL_NODE = "n'); DROP TABLE node_metrics; --";

    @BeforeEach
    void clean() throws Exception {
        PG.truncate();
    }

    private static ScoredSample scored(String node, long ts, double idle, double z) {
        return new ScoredSample(node, ts, new String[] {"cpu_sec_idle", "load1", "m7"},
                new double[] {idle, Double.NaN, 3.5}, new double[] {z, Double.NaN, 0.5}, Math.abs(z), z > 3,
                new String[] {"cpu_sec_idle", "m7"}, new double[] {z, 0.5}, 1);
    }

    private static <T> void write(String sql, org.apache.flink.connector.jdbc.JdbcStatementBuilder<T> binder,
            List<T> records) throws Exception {
        try (Connection c = PG.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (T r : records) {
                binder.accept(ps, r);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void copy(CopyTable<ScoredSample> table, List<ScoredSample> rows) throws Exception {
        CopyUpsertSink.writeAll(PG.settings(), table, rows);
    }

    @Test
    void nodeMetricsUpsertIsIdempotentAndKeepsMissingAsNull() throws Exception {
        List<ScoredSample> rows = List.of(scored(EVIL_NODE, 1_000, 0.8, 1), scored("n2", 1_000, 0.7, 5));
        copy(new SampleTables.NodeMetrics(), rows);
        copy(new SampleTables.NodeMetrics(), rows);

        assertThat(PG.count("SELECT count(*) FROM node_metrics")).isEqualTo(2);
        List<List<Object>> row = PG.query("SELECT node, cpu_sec_idle, load1, extra::text, attack, "
                + "extract(epoch from ts) FROM node_metrics WHERE node LIKE 'n''%' ");
        assertThat(row.get(0).get(0)).isEqualTo(EVIL_NODE);
        assertThat(row.get(0).get(1)).isEqualTo(0.8);
        assertThat(row.get(0).get(2)).isNull();
        assertThat(row.get(0).get(3)).isEqualTo("{\"m7\": 3.5}");
        assertThat(((Number) row.get(0).get(4)).intValue()).isEqualTo(1);
        assertThat(((Number) row.get(0).get(5)).doubleValue()).isEqualTo(1.0);
    }

    @Test
    void nodeScoresStoresZAlignedToAFeatureListAndTheExplanation() throws Exception {
        copy(new SampleTables.NodeScores(), List.of(scored("n1", 5_000, 0.1, -7.5)));
        SampleTables.NodeScores again = new SampleTables.NodeScores();
        // In one batch, the later of two rows with the same key is written.
        copy(again, List.of(scored("n1", 5_000, 0.1, 7), scored("n1", 5_000, 0.1, 8), scored("n2", 5_000, 0.1, 1)));
        List<List<Object>> row = PG.query("SELECT f.names::text, s.z::text, max_abs_z, anomaly, top_features[1], top_z[1] "
                + "FROM node_scores s JOIN feature_lists f ON f.id = s.features WHERE node = 'n1'");
        assertThat(row).containsExactly(List.of("{cpu_sec_idle,load1,m7}", "{8,NULL,0.5}", 8.0, true, "cpu_sec_idle", 8.0));
        assertThat(PG.count("SELECT count(*) FROM feature_lists WHERE names = '{cpu_sec_idle,load1,m7}'"))
                .as("a list is written once").isEqualTo(1);
        assertThat(PG.query("SELECT feature, z FROM node_scores_by_feature WHERE node = 'n1' ORDER BY feature"))
                .containsExactly(List.of("cpu_sec_idle", 8.0), java.util.Arrays.asList("load1", null), List.of("m7", 0.5));
    }

    /** A database written by version 6 (z as a JSON object) reads the same after the migration to arrays. */
    @Test
    void scoresOfTheJsonSchemaAreConvertedToArrays() throws Exception {
        try (Connection c = PG.connect(); java.sql.Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS v6");
            s.execute("CREATE DATABASE v6");
        }
        String url = PG.url().replace("/postgres?", "/v6?");
        org.flywaydb.core.Flyway.configure().dataSource(url, "postgres", null).locations("classpath:db/migration")
                .target("6").load().migrate();
        try (Connection c = java.sql.DriverManager.getConnection(url, "postgres", null);
                java.sql.Statement s = c.createStatement()) {
            s.execute("INSERT INTO node_scores (node, ts, z, max_abs_z, anomaly, top_features, attack) VALUES "
                    + "('n1', '2026-01-05T06:00:00Z', '{\"load1\": 2.5, \"cpu_sec_idle\": -4.0}', 4.0, true, "
                    + "'[{\"feature\": \"cpu_sec_idle\", \"z\": -4.0}, {\"feature\": \"load1\", \"z\": 2.5}]', 1), "
                    + "('n1', '2026-01-05T06:00:10Z', '{}', NULL, false, '[]', NULL)");
        }
        assertThat(SchemaMigrator.migrate(new PostgresSettings(url, "postgres", null, 10, 10, 1))).isEqualTo("7");
        try (Connection c = java.sql.DriverManager.getConnection(url, "postgres", null);
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT f.names::text, z::text, top_features::text, top_z::text, "
                        + "anomaly, attack FROM node_scores JOIN feature_lists f ON f.id = features ORDER BY ts")) {
            rs.next();
            assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                    rs.getInt(6))).containsExactly("{cpu_sec_idle,load1}", "{-4,2.5}", "{cpu_sec_idle,load1}",
                    "{-4,2.5}", true, 1);
            rs.next();
            assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3))).containsExactly("{}", "{}", "{}");
        }
    }

    @Test
    void rejectionsKeepPayloadAndSizeOnceByLocation() throws Exception {
        Rejection r = Rejection.of("file:/x.jsonl", "7", "malformed JSON", "{\"a\u0000", 3);
        write(Statements.REJECTION_UPSERT, new Statements.Rejections(), List.of(r));
        write(Statements.REJECTION_UPSERT, new Statements.Rejections(), List.of(r));
        List<List<Object>> rows = PG.query("SELECT source, location, reason, payload, payload_bytes FROM rejected_records");
        assertThat(rows).containsExactly(List.of("file:/x.jsonl", "7", "malformed JSON", "{\"a", 4L));
    }

    @Test
    void migrationIsVersionedAndRepeatable() {
        assertThat(SchemaMigrator.migrate(PG.settings())).isEqualTo("7");
    }

    @Test
    void podFlowWindowsOncePerPodAndEndWithFeaturesAsJson() throws Exception {
        double[] values = new double[dev.vigil.core.flow.FlowFeatures.NAMES.size()];
        java.util.Arrays.fill(values, Double.NaN);
        values[dev.vigil.core.flow.FlowFeatures.NAMES.indexOf("flow_count")] = 412;
        values[dev.vigil.core.flow.FlowFeatures.NAMES.indexOf("flow_syn_only")] = 400;
        values[dev.vigil.core.flow.FlowFeatures.NAMES.indexOf("event_count")] = 1;
        dev.vigil.core.flow.PodWindow w = new dev.vigil.core.flow.PodWindow(EVIL_NODE, "shop", "frontend-1", 0,
                60_000, values, 1);
        write(Statements.POD_FLOW_WINDOW_UPSERT, new Statements.PodFlowWindows(), List.of(w));
        write(Statements.POD_FLOW_WINDOW_UPSERT, new Statements.PodFlowWindows(), List.of(w));
        assertThat(PG.query("SELECT node, namespace, pod, flows, events, features->>'flow_syn_only', "
                + "features ? 'flow_drop_ratio', label FROM pod_flow_windows")).containsExactly(java.util.Arrays.asList(
                EVIL_NODE, "shop", "frontend-1", 412L, 1L, "400.0", false, 1));
        try (java.sql.Connection c = PG.connect(); java.sql.Statement st = c.createStatement()) {
            st.execute("DELETE FROM pod_flow_windows");
        }
    }

    @Test
    void flowEventsOnceByOriginWithArgumentsAsJson() throws Exception {
        FlowEvent e = new FlowEvent("kafka:flows", "0@7", 1_000, EVIL_NODE, null, "shop", "tcp", "flow",
                java.util.Map.of("verdict", "DROPPED", "note", "a\u0000b"), null);
        write(Statements.FLOW_EVENT_UPSERT, new Statements.FlowEvents(), List.of(e));
        write(Statements.FLOW_EVENT_UPSERT, new Statements.FlowEvents(), List.of(e));
        assertThat(PG.query("SELECT source, location, node, pod, namespace, name, category, args->>'verdict', "
                + "args->>'note', attack FROM flow_events")).containsExactly(java.util.Arrays.asList("kafka:flows", "0@7",
                EVIL_NODE, null, "shop", "tcp", "flow", "DROPPED", "a\ufffdb", null));
    }

    @Test
    void windowPredictionsOncePerWindowAndModel() throws Exception {
        List<WindowPrediction> rows = List.of(new WindowPrediction(EVIL_NODE, 0, 60_000, "rf", true, 0.9, 1),
                new WindowPrediction(EVIL_NODE, 0, 60_000, "linear", false, 0.2, 1),
                new WindowPrediction(EVIL_NODE, 10_000, 70_000, "rf", false, Double.NaN, null));
        write(Statements.WINDOW_PREDICTION_UPSERT, new Statements.WindowPredictions(), rows);
        write(Statements.WINDOW_PREDICTION_UPSERT, new Statements.WindowPredictions(), rows);
        assertThat(PG.query("SELECT node, model, attack, probability, label FROM window_predictions "
                + "ORDER BY window_end, model")).containsExactly(
                List.of(EVIL_NODE, "linear", false, 0.2, 1),
                List.of(EVIL_NODE, "rf", true, 0.9, 1),
                java.util.Arrays.asList(EVIL_NODE, "rf", false, null, null));
    }

    @Test
    void anIncidentWrittenAsItGrowsEndsAsItsLastVersionEvenInOneBatch() throws Exception {
        Incident open = new Incident("n1", 60_000, 60_000, false, 1, 1, new String[] {"load1", "forks_total"},
                new double[] {4.5, Double.NaN}, new String[] {"rf"}, new int[] {0}, new double[] {0.3}, null);
        Incident closed = new Incident("n1", 60_000, 90_000, true, 4, 2, new String[] {"load1", "forks_total"},
                new double[] {4.5, 12.25}, new String[] {"rf"}, new int[] {3}, new double[] {0.99}, 1);
        write(Statements.ALERT_UPSERT, new Statements.Alerts(), List.of(open, closed));
        // A replay after recovery, or a writer of a cancelled job flushing late, brings older versions back:
        // the row never goes back to them.
        write(Statements.ALERT_UPSERT, new Statements.Alerts(), List.of(open));
        write(Statements.ALERT_UPSERT, new Statements.Alerts(), List.of(open, closed, open));
        assertThat(PG.query("SELECT node, closed, windows, z_windows, max_abs_z, top_features::text, "
                + "model_votes::text, label FROM alerts")).containsExactly(List.of("n1", true, 4, 2, 12.25,
                "[{\"feature\": \"forks_total\", \"max_abs_z\": 12.25}, {\"feature\": \"load1\", \"max_abs_z\": 4.5}]",
                "{\"rf\": {\"windows\": 3, \"max_probability\": 0.99}}", 1));
    }
}
