package dev.vigil.job.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.job.JobSettings;
import dev.vigil.job.pipeline.PostgresOutputs;
import dev.vigil.job.pipeline.SimulatorInput;
import dev.vigil.job.pipeline.VigilPipeline;
import dev.vigil.sinks.postgres.EmbeddedPostgresExtension;
import dev.vigil.sources.simulator.ClusterSimulator;
import dev.vigil.sources.simulator.Episode;
import dev.vigil.sources.simulator.SimulatorSettings;
import dev.vigil.job.cli.DetectionTimeline;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Timestamp;
import javax.imageio.ImageIO;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator through the whole job (RocksDB, checkpoints, parallelism 2) into a real Postgres: every
 * sample lands once in each table, every injected episode is flagged while it runs, and calm samples are
 * rarely flagged; the detection timeline draws from what the job wrote.
 */
class SimulatorToPostgresITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @TempDir
    Path tmp;

    @Test
    void everyEpisodeIsFlaggedAndCalmFalseAlarmsStayUnderTheBound() throws Exception {
        SimulatorSettings sim = SimulatorSettings.defaults().withNodes(10);
        Configuration conf = TestJobs.configuration();
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(2));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        VigilPipeline.build(env, List.of(new SimulatorInput(sim, 0)), new PostgresOutputs(PG.settings()),
                JobSettings.from(conf));
        env.execute("simulator to postgres");

        long total = sim.totalSamples();
        assertThat(PG.count("SELECT count(*) FROM node_metrics")).isEqualTo(total);
        assertThat(PG.count("SELECT count(*) FROM node_scores")).isEqualTo(total);
        assertThat(PG.count("SELECT count(*) FROM rejected_records")).isZero();
        assertThat(PG.count("SELECT count(*) FROM node_metrics WHERE node = 'node-03' AND lis_conn IS NOT NULL"))
                .as("tcpstat collector off on node-03: lis_conn missing, not 0").isZero();

        ClusterSimulator simulator = new ClusterSimulator(sim);
        long labelled = 0;
        for (Episode e : simulator.episodes()) {
            String window = "node = '" + e.node() + "' AND ts >= '" + new Timestamp(e.start()).toInstant()
                    + "' AND ts < '" + new Timestamp(e.end()).toInstant() + "'";
            assertThat(PG.count("SELECT count(*) FROM node_scores WHERE anomaly AND " + window))
                    .as("episode %s on %s", e.kind(), e.node()).isPositive();
            labelled += PG.count("SELECT count(*) FROM node_metrics WHERE attack = 1 AND " + window);
        }
        assertThat(PG.count("SELECT count(*) FROM node_metrics WHERE attack = 1")).isEqualTo(labelled);

        // Calm: outside every episode and the two hours after it (load15 takes that long to settle).
        StringBuilder near = new StringBuilder("false");
        for (Episode e : simulator.episodes()) {
            near.append(" OR (node = '").append(e.node()).append("' AND ts >= '")
                    .append(new Timestamp(e.start()).toInstant()).append("' AND ts < '")
                    .append(new Timestamp(e.end() + 7_200_000).toInstant()).append("')");
        }
        long calm = PG.count("SELECT count(*) FROM node_scores WHERE max_abs_z IS NOT NULL AND NOT (" + near + ")");
        long calmFlagged = PG.count("SELECT count(*) FROM node_scores WHERE anomaly AND NOT (" + near + ")");
        double rate = (double) calmFlagged / calm;
        System.out.printf("ITCase: %d samples, calm false-alarm rate %.4f (%d of %d)%n", total, rate,
                calmFlagged, calm);
        // 22 noisy features at |z| >= 3: 1 - 0.9973^22 = 5.8% by chance; see ClusterSimulatorTest.
        assertThat(rate).isBetween(0.02, 0.08);

        Path png = tmp.resolve("timeline.png");
        try (Connection db = PG.connect()) {
            DetectionTimeline.write(db, simulator.episodes(), 3.0, png);
        }
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(300 * ((simulator.episodes().size() + 1) / 2));
    }

    /** The simulator's flows and alerts take the events topic's path: parsed, stored once each, windowed. */
    @Test
    void simulatedFlowsAreParsedStoredAndWindowed() throws Exception {
        SimulatorSettings sim = SimulatorSettings.defaults().withNodes(3).withSpan(Duration.ofHours(1)).withEpisodes(2);
        Configuration conf = TestJobs.configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(2));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        VigilPipeline.build(env, List.of(new SimulatorInput(sim, 0)),
                List.of(new dev.vigil.job.pipeline.SimulatorEventsInput(sim, 0)), new PostgresOutputs(PG.settings()),
                JobSettings.from(conf));
        env.execute("simulator with flows to postgres");

        dev.vigil.sources.simulator.FlowSimulator flows = new dev.vigil.sources.simulator.FlowSimulator(
                new ClusterSimulator(sim));
        long expected = 0;
        for (long i = 0; i < sim.totalSamples(); i++) {
            expected += flows.events(i).size();
        }
        assertThat(PG.count("SELECT count(*) FROM raw_events WHERE source = 'simulator-events'")).isEqualTo(expected);
        assertThat(PG.count("SELECT count(*) FROM flow_events WHERE source = 'simulator-events'")).isEqualTo(expected);
        assertThat(PG.count("SELECT count(*) FROM flow_events WHERE category = 'flow' AND args ? 'verdict'"))
                .as("read back as Hubble flows").isPositive();
        assertThat(PG.count("SELECT count(*) FROM rejected_records")).isZero();
    }
}
