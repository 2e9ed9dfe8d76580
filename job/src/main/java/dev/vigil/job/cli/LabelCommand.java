package dev.vigil.job.cli;

import dev.vigil.job.VigilOptions;
import dev.vigil.sinks.postgres.PostgresSettings;
import dev.vigil.sinks.postgres.Statements;
import dev.vigil.sources.format.Timestamps;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Marks an interval of one node as attack (or as normal) in node_metrics and node_scores, so that what
 * Vigil collected becomes a labelled training set, as the seed labels its stress experiments. Later
 * unlabelled writes of the same rows keep the label.
 */
@Command(name = "label", mixinStandardHelpOptions = true,
        description = "Label a node's samples from --from to --to (inclusive) in Postgres as attack or normal.")
public final class LabelCommand implements Callable<Integer> {

    @Mixin
    ConfigFlags config;

    @Option(names = "--node", required = true, description = "The node whose samples are labelled.")
    String node;

    @Option(names = "--from", required = true, description = "First time of the interval: ISO-8601 (UTC unless an "
            + "offset is given) or epoch milliseconds.")
    String from;

    @Option(names = "--to", required = true, description = "Last time of the interval, as --from.")
    String to;

    @Option(names = "--attack", required = true, description = "1 for attack, 0 for normal.")
    int attack;

    @Option(names = "--kind", description = "Kind of attack, e.g. cryptomining (only with --attack 1).")
    String kind;

    @Override
    public Integer call() throws SQLException {
        if (attack != 0 && attack != 1) {
            System.err.println("vigil label: --attack must be 0 or 1");
            return 2;
        }
        if (kind != null && attack == 0) {
            System.err.println("vigil label: --kind describes an attack; it needs --attack 1");
            return 2;
        }
        long start;
        long end;
        try {
            start = Timestamps.parse(from, ZoneOffset.UTC);
            end = Timestamps.parse(to, ZoneOffset.UTC);
        } catch (IllegalArgumentException e) {
            System.err.println("vigil label: " + e.getMessage());
            return 2;
        }
        if (end < start) {
            System.err.println("vigil label: --to is before --from");
            return 2;
        }
        Configuration conf = config.configuration();
        PostgresSettings pg = Environments.migratedPostgres(conf).orElse(null);
        if (pg == null) {
            System.err.println("vigil label: give --jdbc-url or set " + VigilOptions.JDBC_URL.key());
            return 2;
        }
        int metrics;
        int scores;
        try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password())) {
            c.setAutoCommit(false);
            metrics = label(c, Statements.LABEL_NODE_METRICS, start, end);
            scores = label(c, Statements.LABEL_NODE_SCORES, start, end);
            c.commit();
        }
        System.out.printf("labelled node %s from %s to %s as %s: %d rows of node_metrics, %d of node_scores%n", node,
                Instant.ofEpochMilli(start), Instant.ofEpochMilli(end),
                attack == 1 ? "attack" + (kind == null ? "" : " (" + kind + ")") : "normal", metrics, scores);
        if (metrics + scores == 0) {
            System.err.println("vigil label: no samples of node " + node + " in that interval");
            return 1;
        }
        return 0;
    }

    private int label(Connection c, String sql, long start, long end) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setShort(1, (short) attack);
            ps.setString(2, kind);
            ps.setString(3, node);
            ps.setObject(4, Statements.time(start));
            ps.setObject(5, Statements.time(end));
            return ps.executeUpdate();
        }
    }
}
