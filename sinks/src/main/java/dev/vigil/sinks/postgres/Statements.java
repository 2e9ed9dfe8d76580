package dev.vigil.sinks.postgres;

import dev.vigil.core.alerts.Incident;
import dev.vigil.core.event.FlowEvent;
import dev.vigil.core.event.RawEvent;
import dev.vigil.core.event.Rejection;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.features.NodeFeatures;
import dev.vigil.core.flow.FlowFeatures;
import dev.vigil.core.flow.PodWindow;
import dev.vigil.core.json.JsonText;
import dev.vigil.core.window.WindowPrediction;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;

/** The upsert statements of each table and how a record binds to them; bind parameters only. */
public final class Statements {

    private static final List<String> SEED = NodeFeatures.SEED_FEATURES;

    private Statements() {
    }

    /** Labels one node's interval; {@code %s} is node_metrics or node_scores, never user input. */
    private static final String LABEL = "UPDATE %s SET attack = ?, attack_kind = ? WHERE node = ? AND ts BETWEEN ? AND ?";

    public static final String LABEL_NODE_METRICS = String.format(LABEL, "node_metrics");
    public static final String LABEL_NODE_SCORES = String.format(LABEL, "node_scores");

    public static final String REJECTION_UPSERT = "INSERT INTO rejected_records "
            + "(source, location, reason, payload, payload_bytes) VALUES (?, ?, ?, ?, ?) "
            + "ON CONFLICT (source, location) DO UPDATE SET reason = EXCLUDED.reason, payload = EXCLUDED.payload, "
            + "payload_bytes = EXCLUDED.payload_bytes";

    public static final String RAW_EVENT_UPSERT = "INSERT INTO raw_events "
            + "(source, location, ts, key, payload, payload_bytes) VALUES (?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (source, location) DO UPDATE SET ts = EXCLUDED.ts, key = EXCLUDED.key, "
            + "payload = EXCLUDED.payload, payload_bytes = EXCLUDED.payload_bytes";

    public static final String FLOW_EVENT_UPSERT = "INSERT INTO flow_events "
            + "(source, location, ts, node, pod, namespace, name, category, args, attack) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) "
            + "ON CONFLICT (source, location) DO UPDATE SET ts = EXCLUDED.ts, node = EXCLUDED.node, pod = EXCLUDED.pod, "
            + "namespace = EXCLUDED.namespace, name = EXCLUDED.name, category = EXCLUDED.category, "
            + "args = EXCLUDED.args, attack = EXCLUDED.attack";

    public static final String POD_FLOW_WINDOW_UPSERT = "INSERT INTO pod_flow_windows "
            + "(node, namespace, pod, window_start, window_end, flows, events, features, label) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) "
            + "ON CONFLICT (node, namespace, pod, window_end) DO UPDATE SET window_start = EXCLUDED.window_start, "
            + "flows = EXCLUDED.flows, events = EXCLUDED.events, features = EXCLUDED.features, label = EXCLUDED.label";

    public static final String WINDOW_PREDICTION_UPSERT = "INSERT INTO window_predictions "
            + "(node, window_start, window_end, model, attack, probability, label) VALUES (?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (node, window_end, model) DO UPDATE SET window_start = EXCLUDED.window_start, "
            + "attack = EXCLUDED.attack, probability = EXCLUDED.probability, label = EXCLUDED.label";

    /**
     * An incident is written as it grows: each version has more windows than the one before, or the same
     * and is closed. A version older than the row (replayed after a recovery, or flushed late by the writer
     * of a job that was cancelled) leaves it as it is, so readers never see an incident shrink.
     */
    public static final String ALERT_UPSERT = "INSERT INTO alerts "
            + "(node, opened_at, last_seen, closed, windows, z_windows, max_abs_z, top_features, model_votes, label) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?) "
            + "ON CONFLICT (node, opened_at) DO UPDATE SET last_seen = EXCLUDED.last_seen, closed = EXCLUDED.closed, "
            + "windows = EXCLUDED.windows, z_windows = EXCLUDED.z_windows, max_abs_z = EXCLUDED.max_abs_z, "
            + "top_features = EXCLUDED.top_features, model_votes = EXCLUDED.model_votes, label = EXCLUDED.label "
            + "WHERE (alerts.windows, alerts.closed) < (EXCLUDED.windows, EXCLUDED.closed)";

    /** A time as Postgres timestamptz binds it. */
    public static OffsetDateTime time(long epochMillis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }

    /** Postgres text cannot hold NUL; everything else of a raw payload is kept as it came. */
    static String storable(String text) {
        return text == null ? null : text.replace('\0', '\uFFFD');
    }

    static void setDouble(PreparedStatement ps, int index, double value) throws SQLException {
        if (Double.isNaN(value)) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }

    static void setLabel(PreparedStatement ps, int index, Integer attack) throws SQLException {
        if (attack == null) {
            ps.setNull(index, Types.SMALLINT);
        } else {
            ps.setShort(index, attack.shortValue());
        }
    }

    /** Binds a rejection to {@link #REJECTION_UPSERT}. */
    public static final class Rejections implements JdbcStatementBuilder<Rejection> {
        private static final long serialVersionUID = 1L;

        @Override
        public void accept(PreparedStatement ps, Rejection r) throws SQLException {
            ps.setString(1, r.source());
            ps.setString(2, r.location());
            ps.setString(3, r.reason());
            ps.setString(4, storable(r.payload()));
            ps.setLong(5, r.payloadBytes());
        }
    }

    /** Binds a pod's flow window to {@link #POD_FLOW_WINDOW_UPSERT}. */
    public static final class PodFlowWindows implements JdbcStatementBuilder<PodWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void accept(PreparedStatement ps, PodWindow w) throws SQLException {
            ps.setString(1, storable(w.node()));
            ps.setString(2, storable(w.namespace()));
            ps.setString(3, storable(w.pod()));
            ps.setObject(4, time(w.start()));
            ps.setObject(5, time(w.end()));
            ps.setLong(6, (long) w.value("flow_count"));
            ps.setLong(7, (long) w.value("event_count"));
            ps.setString(8, JsonText.object(FlowFeatures.names(), w.values()));
            setLabel(ps, 9, w.attack());
        }
    }

    /** Binds a raw event to {@link #RAW_EVENT_UPSERT}. */
    public static final class RawEvents implements JdbcStatementBuilder<RawEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public void accept(PreparedStatement ps, RawEvent e) throws SQLException {
            ps.setString(1, e.source());
            ps.setString(2, e.location());
            ps.setObject(3, time(e.ts()));
            ps.setString(4, storable(e.key()));
            ps.setString(5, storable(e.payload()));
            ps.setLong(6, e.payloadBytes());
        }
    }

    /** Binds a parsed flow or event to {@link #FLOW_EVENT_UPSERT}. */
    public static final class FlowEvents implements JdbcStatementBuilder<FlowEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public void accept(PreparedStatement ps, FlowEvent e) throws SQLException {
            ps.setString(1, e.source());
            ps.setString(2, e.location());
            ps.setObject(3, time(e.ts()));
            ps.setString(4, storable(e.node()));
            ps.setString(5, storable(e.pod()));
            ps.setString(6, storable(e.namespace()));
            ps.setString(7, storable(e.name()));
            ps.setString(8, storable(e.category()));
            ps.setString(9, JsonText.strings(e.args()).replace("\\u0000", "\\ufffd")); // jsonb refuses NUL
            setLabel(ps, 10, e.attack());
        }
    }

    /** Binds a window prediction to {@link #WINDOW_PREDICTION_UPSERT}. */
    public static final class WindowPredictions implements JdbcStatementBuilder<WindowPrediction> {
        private static final long serialVersionUID = 1L;

        @Override
        public void accept(PreparedStatement ps, WindowPrediction p) throws SQLException {
            ps.setString(1, p.node());
            ps.setObject(2, time(p.start()));
            ps.setObject(3, time(p.end()));
            ps.setString(4, p.model());
            ps.setBoolean(5, p.attack());
            setDouble(ps, 6, p.probability());
            setLabel(ps, 7, p.label());
        }
    }

    /** Binds an incident to {@link #ALERT_UPSERT}. */
    public static final class Alerts implements JdbcStatementBuilder<Incident> {
        private static final long serialVersionUID = 1L;

        @Override
        public void accept(PreparedStatement ps, Incident i) throws SQLException {
            ps.setString(1, i.node());
            ps.setObject(2, time(i.openedAt()));
            ps.setObject(3, time(i.lastSeen()));
            ps.setBoolean(4, i.closed());
            ps.setInt(5, i.windows());
            ps.setInt(6, i.zWindows());
            setDouble(ps, 7, i.maxAbsZOverall());
            ps.setString(8, JsonText.incidentFeatures(i, 3));
            ps.setString(9, JsonText.modelVotes(i));
            setLabel(ps, 10, i.label());
        }
    }
}
