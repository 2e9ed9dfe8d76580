package dev.vigil.job.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.FlowEvent;
import dev.vigil.core.event.MetricSample;
import dev.vigil.core.json.JsonText;
import dev.vigil.job.cli.VigilCli;
import dev.vigil.sinks.postgres.EmbeddedPostgresExtension;
import dev.vigil.sources.events.ExporterJson;
import dev.vigil.sources.kafka.KafkaBrokerExtension;
import dev.vigil.sources.simulator.AttackKind;
import dev.vigil.sources.simulator.ClusterSimulator;
import dev.vigil.sources.simulator.Episode;
import dev.vigil.sources.simulator.FlowSimulator;
import dev.vigil.sources.simulator.SimulatorSettings;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node metrics and Hubble and Falco JSON on two Kafka topics through {@code vigil run} into fused windows: a
 * model trained by {@code vigil train --features flows} on one simulated cluster finds the network attacks of
 * another in the stream, from the Hubble flows and Falco alerts joined to each node's windows.
 */
class FusedWindowsITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    /** 4 nodes, 4 simulated hours, one episode of each kind. */
    private static final SimulatorSettings SIM = SimulatorSettings.defaults().withNodes(4)
            .withSpan(Duration.ofHours(4)).withEpisodes(AttackKind.values().length);

    @TempDir
    static Path dir;
    private static Path model;

    @BeforeAll
    static void trainAFlowsOnlyModel() {
        Path metrics = dir.resolve("training.jsonl");
        Path events = dir.resolve("training-events.jsonl");
        assertThat(VigilCli.execute("simulate", "--nodes", "6", "--span", "8h", "--episodes", "12", "--seed", "7",
                "--output", metrics.toString(), "--events-output", events.toString())).isZero();
        assertThat(VigilCli.execute("train", "--input", metrics.toString(), "--events", events.toString(),
                "--features", "flows", "--models", "linear", "--out", dir.resolve("models").toString())).isZero();
        model = dir.resolve("models").resolve("linear.tribuo");
    }

    @Test
    void hubbleAndFalcoTopicsFlowIntoFusedWindowsAndPredictions() throws Exception {
        ClusterSimulator cluster = new ClusterSimulator(SIM);
        FlowSimulator flows = new FlowSimulator(cluster);
        List<Map.Entry<String, String>> samples = new ArrayList<>();
        List<Map.Entry<String, String>> events = new ArrayList<>();
        for (long step = 0; step < SIM.steps(); step++) {
            List<FlowEvent> ofStep = new ArrayList<>();
            for (int n = 0; n < SIM.nodes(); n++) {
                MetricSample s = cluster.sample(step * SIM.nodes() + n);
                samples.add(Map.entry(s.node(), JsonText.sampleLine(s)));
                ofStep.addAll(flows.events(n, step));
            }
            ofStep.sort(Comparator.comparingLong(FlowEvent::ts)); // as an exporter writes them: in time order
            ofStep.forEach(e -> events.add(Map.entry(e.node(), ExporterJson.line(e))));
        }
        KAFKA.createTopic("fused-metrics", 2);
        KAFKA.createTopic("fused-events", 2);
        KAFKA.createTopic("fused-alerts", 1);
        KAFKA.produce("fused-metrics", samples);
        KAFKA.produce("fused-events", events);

        int exit = VigilCli.execute("run", "--kafka-bootstrap", KAFKA.bootstrapServers(), "--kafka-topic",
                "fused-metrics", "--events-topic", "fused-events", "--alerts-topic", "fused-alerts", "--bounded",
                "--jdbc-url", PG.url(), "--jdbc-user", "postgres", "--state", "rocksdb", "--model", "flows=" + model);
        assertThat(exit).isZero();

        assertThat(PG.count("SELECT count(*) FROM flow_events")).as("every Hubble flow and Falco alert")
                .isEqualTo(events.size());
        assertThat(PG.count("SELECT count(*) FROM rejected_records")).isZero();
        long windows = PG.count("SELECT count(*) FROM window_predictions WHERE model = 'flows'");
        assertThat(windows).as("one prediction per node and window").isEqualTo(SIM.nodes() * (SIM.steps() + 5));

        for (Episode e : cluster.episodes()) {
            long found = PG.count("SELECT count(*) FROM window_predictions WHERE model = 'flows' AND attack AND node = '"
                    + e.node() + "' AND window_end > '" + new Timestamp(e.start()) + "' AND window_start < '"
                    + new Timestamp(e.end()) + "'");
            if (e.kind() == AttackKind.FORK_BOMB) {
                assertThat(found).as("a fork bomb leaves no flows").isZero();
            } else {
                assertThat(found).as(e.kind() + " on " + e.node() + " found from its flows").isPositive();
            }
        }
        for (Episode e : cluster.episodes()) {
            if (e.kind() == AttackKind.PORT_SCAN) {
                List<List<Object>> scanners = PG.query("SELECT DISTINCT pod FROM pod_flow_windows WHERE node = '" + e.node()
                        + "' AND window_end > '" + new Timestamp(e.start()) + "' AND window_start < '"
                        + new Timestamp(e.end()) + "' AND (features->>'flow_syn_only')::float > 200");
                assertThat(scanners).as("pod_flow_windows names the one pod that scans").hasSize(1);
            }
        }
        long calm = PG.count("SELECT count(*) FROM window_predictions WHERE model = 'flows' AND label = 0");
        long falseAlarms = PG.count("SELECT count(*) FROM window_predictions WHERE model = 'flows' AND label = 0 AND attack");
        System.out.printf("fused stream: %d windows, %d of %d calm windows called attacks%n", windows, falseAlarms, calm);
        assertThat(falseAlarms).as("false alarms among calm windows").isLessThan(calm / 50);
    }
}
