package dev.vigil.job.cli;

import dev.vigil.job.JobSettings;
import dev.vigil.job.VigilOptions;
import dev.vigil.job.pipeline.PostgresOutputs;
import dev.vigil.job.pipeline.SimulatorInput;
import dev.vigil.job.pipeline.VigilPipeline;
import dev.vigil.sinks.postgres.PostgresSettings;
import dev.vigil.sources.simulator.ClusterSimulator;
import dev.vigil.sources.simulator.Episode;
import dev.vigil.sources.simulator.SimulatorSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The product in one command: a local Flink cluster with its web UI, a real Postgres (embedded unless
 * --jdbc-url is given), the cluster simulator as input; progress while it runs and a detection summary.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run Vigil locally on simulated nodes with the Flink web UI and Postgres, then report.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--duration", defaultValue = "90s", description = "Wall-clock length of the run (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--web-port", defaultValue = "8081", description = "Port of the Flink web UI (default: ${DEFAULT-VALUE}).")
    int webPort;

    @Option(names = "--pg-port", defaultValue = "0", description = "Port of the embedded Postgres (default: a free one).")
    int pgPort;

    @Option(names = "--timeline", defaultValue = "vigil-demo-timeline.png",
            description = "Where to draw the detection timeline of every episode (default: ${DEFAULT-VALUE}).")
    Path timeline;

    @Mixin
    SimulatorFlags cluster;

    @Mixin
    ConfigFlags config;

    @Override
    public Integer call() throws Exception {
        Duration runFor = TimeUtils.parseDuration(duration);
        SimulatorSettings sim = cluster.settings();
        Configuration conf = Environments.harden(config.configuration());
        conf.set(RestOptions.PORT, webPort);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(5));

        EmbeddedPostgres embedded = null;
        try {
            if (!conf.getOptional(VigilOptions.JDBC_URL).isPresent()) {
                System.out.println("Starting an embedded Postgres ...");
                embedded = LocalPostgres.start(pgPort);
                conf.set(VigilOptions.JDBC_URL, embedded.getJdbcUrl("postgres", "postgres"));
                conf.set(VigilOptions.JDBC_USER, "postgres");
            }
            PostgresSettings pg = Environments.migratedPostgres(conf).orElseThrow();
            return run(conf, sim, runFor, pg, embedded);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private int run(Configuration conf, SimulatorSettings sim, Duration runFor, PostgresSettings pg,
            EmbeddedPostgres embedded) throws Exception {
        ClusterSimulator simulator = new ClusterSimulator(sim);
        double rate = sim.totalSamples() / (double) Math.max(1, runFor.toSeconds());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        VigilPipeline.build(env, List.of(new SimulatorInput(sim, rate)), new PostgresOutputs(pg),
                JobSettings.from(conf));
        JobClient job = env.executeAsync("vigil demo");

        System.out.printf("%nVigil demo: %d nodes, %s of simulated cluster time in about %ds (%.0f samples/s), "
                + "%d attack episodes.%n", sim.nodes(), cluster.span, runFor.toSeconds(), rate, sim.episodes());
        System.out.printf("Flink web UI: http://localhost:%d   (job %s)%n", webPort, job.getJobID());
        if (embedded != null) {
            System.out.printf("Query while it runs: psql -h localhost -p %d -U postgres -c "
                    + "\"SELECT node, ts, max_abs_z, top_features FROM node_scores WHERE anomaly ORDER BY ts DESC "
                    + "LIMIT 10\"%n", embedded.getPort());
            System.out.println("(the embedded Postgres stops with the demo; give --jdbc-url to keep the results)");
        }
        System.out.println();

        long started = System.nanoTime();
        long lastCount = 0;
        long lastAt = started;
        CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
        try (Connection db = DriverManager.getConnection(pg.url(), pg.user(), pg.password())) {
            while (!result.isDone()) {
                try {
                    result.get(5, TimeUnit.SECONDS);
                } catch (TimeoutException stillRunning) {
                    long now = System.nanoTime();
                    long scored = count(db, "SELECT count(*) FROM node_scores");
                    long flagged = count(db, "SELECT count(*) FROM node_scores WHERE anomaly");
                    long rejected = count(db, "SELECT count(*) FROM rejected_records");
                    System.out.printf("[%3ds] %s  samples scored %,d (%,.0f/s)  anomalies %,d  rejected %,d%n",
                            (now - started) / 1_000_000_000L, status(job), scored,
                            (scored - lastCount) * 1e9 / (now - lastAt), flagged, rejected);
                    lastCount = scored;
                    lastAt = now;
                } catch (ExecutionException failed) {
                    System.out.println("The job failed: " + failed.getCause());
                    return 1;
                }
            }
            int exit = summary(db, simulator);
            DetectionTimeline.write(db, simulator.episodes(), conf.get(VigilOptions.ZSCORE_THRESHOLD), timeline);
            System.out.println("detection timeline: " + timeline.toAbsolutePath());
            return exit;
        }
    }

    /** The job's status; once the local cluster has shut down after the job, it is over. */
    private static String status(JobClient job) {
        try {
            return job.getJobStatus().get(2, TimeUnit.SECONDS).toString();
        } catch (Exception e) {
            return "FINISHED";
        }
    }

    /** One row per injected episode: detected or missed and how long it took, then D/N. */
    private static int summary(Connection db, ClusterSimulator simulator) throws SQLException {
        System.out.printf("%n%-10s %-13s %-20s %-9s %s%n", "node", "kind", "start", "result", "delay");
        int detected = 0;
        String sql = "SELECT min(ts) FROM node_scores WHERE node = ? AND anomaly AND ts >= ? AND ts < ?";
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (Episode e : simulator.episodes()) {
                ps.setString(1, e.node());
                ps.setTimestamp(2, Timestamp.from(Instant.ofEpochMilli(e.start())));
                ps.setTimestamp(3, Timestamp.from(Instant.ofEpochMilli(e.end())));
                try (ResultSet rs = ps.executeQuery()) {
                    Timestamp first = rs.next() ? rs.getTimestamp(1) : null;
                    String delay = first == null ? "-"
                            : (first.toInstant().toEpochMilli() - e.start()) / 1000 + "s";
                    if (first != null) {
                        detected++;
                    }
                    System.out.printf("%-10s %-13s %-20s %-9s %s%n", e.node(), e.kind().label(),
                            Instant.ofEpochMilli(e.start()).toString().replace("T", " ").replace("Z", ""),
                            first != null ? "detected" : "missed", delay);
                }
            }
        }
        long scored = count(db, "SELECT count(*) FROM node_scores");
        long flagged = count(db, "SELECT count(*) FROM node_scores WHERE anomaly");
        System.out.printf("%nsamples scored: %,d, flagged: %,d (%.1f%%)%n", scored, flagged,
                scored == 0 ? 0.0 : 100.0 * flagged / scored);
        System.out.printf("episodes detected: %d/%d%n", detected, simulator.episodes().size());
        return 0;
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
