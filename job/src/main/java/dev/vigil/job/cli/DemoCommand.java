package dev.vigil.job.cli;

import dev.vigil.job.JobSettings;
import dev.vigil.job.VigilOptions;
import dev.vigil.job.pipeline.PostgresOutputs;
import dev.vigil.job.pipeline.SimulatorEventsInput;
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

    @Option(names = "--train-span", defaultValue = "8h",
            description = "Before the run, train a window model on this much of another simulated cluster (6 nodes, "
                    + "seed + 1) and classify the run's windows with it; 0 to skip (default: ${DEFAULT-VALUE}). "
                    + "Skipped when --model is given.")
    String trainSpan;

    @Option(names = "--flows", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also stream the simulated cluster's flows and Falco alerts (as Hubble and Falco JSON) into "
                    + "flow_events and the windows, and train the model on fused windows (default: on; --no-flows: "
                    + "node metrics only).")
    boolean flows;

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

        if (conf.get(VigilOptions.MODELS).isEmpty() && !TimeUtils.parseDuration(trainSpan).isZero()) {
            Path model = trainModel(sim, TimeUtils.parseDuration(trainSpan));
            if (model == null) {
                return 1;
            }
            conf.set(VigilOptions.MODELS, List.of("xgboost=" + model));
        }
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

    /**
     * Trains gradient-boosted trees (XGBoost) on windows of another simulated cluster (other seed, so other nodes,
     * noise and episodes), as {@code vigil simulate} and {@code vigil train} would; returns the model file.
     */
    private Path trainModel(SimulatorSettings sim, Duration span) throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("vigil-demo-model");
        Path data = dir.resolve("training.jsonl");
        System.out.printf("Training a window model on %s of another simulated cluster (seed %d) ...%n",
                TimeUtils.formatWithHighestUnit(span), sim.seed() + 1);
        Path events = dir.resolve("training-events.jsonl");
        List<String> simulate = new java.util.ArrayList<>(List.of("simulate", "--nodes", "6", "--span",
                span.toSeconds() + "s", "--episodes", "8", "--seed", Long.toString(sim.seed() + 1), "--output",
                data.toString()));
        List<String> train = new java.util.ArrayList<>(List.of("train", "--input", data.toString(), "--models", "xgboost",
                "--out", dir.resolve("model").toString()));
        if (flows) {
            simulate.addAll(List.of("--events-output", events.toString()));
            train.addAll(List.of("--events", events.toString()));
        }
        int simulated = VigilCli.execute(simulate.toArray(String[]::new));
        int trained = simulated != 0 ? simulated : VigilCli.execute(train.toArray(String[]::new));
        if (trained != 0) {
            System.out.println("Training the demo model failed; run with --train-span 0 to skip it.");
            return null;
        }
        return dir.resolve("model").resolve("xgboost.tribuo");
    }

    private int run(Configuration conf, SimulatorSettings sim, Duration runFor, PostgresSettings pg,
            EmbeddedPostgres embedded) throws Exception {
        ClusterSimulator simulator = new ClusterSimulator(sim);
        double rate = sim.totalSamples() / (double) Math.max(1, runFor.toSeconds());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        VigilPipeline.build(env, List.of(new SimulatorInput(sim, rate)),
                flows ? List.of(new SimulatorEventsInput(sim, rate)) : List.of(), new PostgresOutputs(pg),
                JobSettings.from(conf));
        JobClient job = env.executeAsync("vigil demo");

        System.out.printf("%nVigil demo: %d nodes, %s of simulated cluster time in about %ds (%.0f samples/s), "
                + "%d attack episodes%s.%n", sim.nodes(), cluster.span, runFor.toSeconds(), rate, sim.episodes(),
                flows ? ", with their flows and Falco alerts" : "");
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
                    long incidents = count(db, "SELECT count(*) FROM alerts");
                    long events = flows ? count(db, "SELECT count(*) FROM flow_events") : 0;
                    System.out.printf("[%3ds] %s  samples scored %,d (%,.0f/s)  anomalies %,d  incidents %,d  "
                            + "rejected %,d%s%n", (now - started) / 1_000_000_000L, status(job), scored,
                            (scored - lastCount) * 1e9 / (now - lastAt), flagged, incidents, rejected,
                            flows ? String.format("  flows and alerts %,d", events) : "");
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

    /**
     * One row per injected episode: when the z-score first flagged a sample of it, when a model first said
     * attack for a window that overlaps it, and when an incident that overlaps it opened (delays from the
     * episode's start; "-": missed); then the totals.
     */
    private static int summary(Connection db, ClusterSimulator simulator) throws SQLException {
        System.out.printf("%n%-10s %-17s %-20s %-10s %-10s %-10s%n", "node", "kind", "start", "z-score", "model",
                "incident");
        int[] detected = new int[3];
        String[] sql = {
            "SELECT min(ts) FROM node_scores WHERE node = ? AND anomaly AND ts < ? AND ts >= ?",
            "SELECT min(window_end) FROM window_predictions WHERE node = ? AND attack AND window_start < ? "
                    + "AND window_end > ?",
            "SELECT min(opened_at) FROM alerts WHERE node = ? AND opened_at <= ? AND last_seen >= ?"};
        for (Episode e : simulator.episodes()) {
            String[] cells = new String[3];
            for (int k = 0; k < 3; k++) {
                try (PreparedStatement ps = db.prepareStatement(sql[k])) {
                    ps.setString(1, e.node());
                    ps.setTimestamp(2, Timestamp.from(Instant.ofEpochMilli(e.end())));
                    ps.setTimestamp(3, Timestamp.from(Instant.ofEpochMilli(e.start())));
                    try (ResultSet rs = ps.executeQuery()) {
                        Timestamp first = rs.next() ? rs.getTimestamp(1) : null;
                        cells[k] = first == null ? "-"
                                : Math.max(0, first.toInstant().toEpochMilli() - e.start()) / 1000 + "s";
                        detected[k] += first == null ? 0 : 1;
                    }
                }
            }
            System.out.printf("%-10s %-17s %-20s %-10s %-10s %-10s%n", e.node(), e.kind().label(),
                    Instant.ofEpochMilli(e.start()).toString().replace("T", " ").replace("Z", ""),
                    cells[0], cells[1], cells[2]);
        }
        long scored = count(db, "SELECT count(*) FROM node_scores");
        long flagged = count(db, "SELECT count(*) FROM node_scores WHERE anomaly");
        long windows = count(db, "SELECT count(*) FROM window_predictions");
        long calmWindows = count(db, "SELECT count(*) FROM window_predictions WHERE label = 0");
        long calmSaidAttack = count(db, "SELECT count(*) FROM window_predictions WHERE label = 0 AND attack");
        long[] incidents = incidentsNearEpisodes(db, simulator.episodes());
        System.out.printf("%nsamples scored: %,d, flagged: %,d (%.1f%%)%n", scored, flagged,
                scored == 0 ? 0.0 : 100.0 * flagged / scored);
        if (windows > 0) {
            System.out.printf("windows classified: %,d; calm windows the model called attacks: %,d of %,d (%.2f%%)%n",
                    windows, calmSaidAttack, calmWindows, calmWindows == 0 ? 0.0 : 100.0 * calmSaidAttack / calmWindows);
        }
        System.out.printf("incidents: %d (%d overlap an episode, %d in the 2 h after one while load settles, "
                + "%d elsewhere)%n", incidents[0] + incidents[1] + incidents[2], incidents[0], incidents[1], incidents[2]);
        int n = simulator.episodes().size();
        System.out.printf("episodes detected: %d/%d by the z-score, %d/%d by the model, %d/%d in an incident%n",
                detected[0], n, detected[1], n, detected[2], n);
        return 0;
    }

    /** Incidents that overlap an episode of their node, that start in the 2 h after one, and the others. */
    private static long[] incidentsNearEpisodes(Connection db, List<Episode> episodes) throws SQLException {
        long[] out = new long[3];
        try (PreparedStatement ps = db.prepareStatement("SELECT node, opened_at, last_seen FROM alerts");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String node = rs.getString(1);
                long opened = rs.getTimestamp(2).toInstant().toEpochMilli();
                long last = rs.getTimestamp(3).toInstant().toEpochMilli();
                int kind = 2;
                for (Episode e : episodes) {
                    if (e.node().equals(node) && opened <= e.end() && last >= e.start()) {
                        kind = 0;
                        break;
                    }
                    if (e.node().equals(node) && opened > e.end() && opened <= e.end() + 7_200_000L) {
                        kind = Math.min(kind, 1);
                    }
                }
                out[kind]++;
            }
        }
        return out;
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
