package dev.vigil.job.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.job.JobSettings;
import dev.vigil.job.VigilOptions;
import dev.vigil.job.pipeline.PostgresOutputs;
import dev.vigil.job.pipeline.SimulatorInput;
import dev.vigil.job.pipeline.VigilPipeline;
import dev.vigil.sinks.postgres.EmbeddedPostgresExtension;
import dev.vigil.sources.simulator.ClusterSimulator;
import dev.vigil.sources.simulator.Episode;
import dev.vigil.sources.simulator.SimulatorSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model trained on one simulated cluster classifies the windows of another in the stream (RocksDB,
 * checkpoints, parallelism 2): one prediction per window and model, attack windows found, calm windows
 * rarely flagged, and every episode inside an incident of the alerts table.
 */
class WindowsToPostgresITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @TempDir
    Path tmp;

    @Test
    void predictionsForEveryWindowAndAnIncidentForEveryEpisode() throws Exception {
        Path model = TestJobs.trainedLinearModel(tmp);
        SimulatorSettings sim = SimulatorSettings.defaults().withNodes(8).withSpan(Duration.ofHours(6));
        Configuration conf = TestJobs.configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(2));
        conf.set(VigilOptions.MODELS, List.of("linear=" + model));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        VigilPipeline.build(env, List.of(new SimulatorInput(sim, 0)), new PostgresOutputs(PG.settings()),
                JobSettings.from(conf));
        env.execute("windows to postgres");

        // Samples every 10 s, 60 s windows every 10 s: a window ends with each sample's pane and five more.
        long windows = sim.totalSamples() + 5L * sim.nodes();
        assertThat(PG.count("SELECT count(*) FROM window_predictions")).isEqualTo(windows);
        assertThat(PG.count("SELECT count(*) FROM window_predictions WHERE window_end - window_start <> "
                + "interval '60 seconds' OR model <> 'linear' OR probability NOT BETWEEN 0 AND 1")).isZero();

        long attackWindows = PG.count("SELECT count(*) FROM window_predictions WHERE label = 1");
        long found = PG.count("SELECT count(*) FROM window_predictions WHERE label = 1 AND attack");
        long calmWindows = PG.count("SELECT count(*) FROM window_predictions WHERE label = 0");
        long falseAlarms = PG.count("SELECT count(*) FROM window_predictions WHERE label = 0 AND attack");
        double recall = (double) found / attackWindows;
        double falseRate = (double) falseAlarms / calmWindows;
        System.out.printf("ITCase windows: %d, attack windows %d found %d (recall %.3f), calm %d flagged %d (%.4f)%n",
                windows, attackWindows, found, recall, calmWindows, falseAlarms, falseRate);
        assertThat(recall).isGreaterThan(0.6);
        assertThat(falseRate).isLessThan(0.02);

        ClusterSimulator simulator = new ClusterSimulator(sim);
        for (Episode e : simulator.episodes()) {
            String during = "node = '" + e.node() + "' AND opened_at <= '" + Instant.ofEpochMilli(e.end())
                    + "' AND last_seen >= '" + Instant.ofEpochMilli(e.start()) + "'";
            assertThat(PG.count("SELECT count(*) FROM alerts WHERE label = 1 AND " + during))
                    .as("an incident during %s on %s", e.kind(), e.node()).isPositive();
        }
        assertThat(PG.count("SELECT count(*) FROM alerts WHERE NOT closed")).as("all closed at the end").isZero();
        System.out.println("ITCase alerts: " + PG.query("SELECT label, count(*), sum(windows), sum(z_windows) "
                + "FROM alerts GROUP BY label ORDER BY label"));
        System.out.println("ITCase an alert: " + PG.query("SELECT node, opened_at, last_seen, windows, z_windows, "
                + "max_abs_z, top_features::text, model_votes::text FROM alerts WHERE label = 1 LIMIT 1"));
    }
}
