package dev.vigil.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.core.event.FlowEvent;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.window.SlidingWindows;
import dev.vigil.core.window.WindowVector;
import dev.vigil.core.window.Windower;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowFeaturesTest {

    private static FlowEvent flow(long ts, String name, String dstIp, int port, String flags, String verdict, Integer attack) {
        Map<String, String> args = new HashMap<>();
        args.put("dst_ip", dstIp);
        args.put("dst_port", Integer.toString(port));
        args.put("verdict", verdict);
        args.put("direction", "EGRESS");
        if (flags != null) {
            args.put("tcp_flags", flags);
        }
        return new FlowEvent("t", "l" + ts, ts, "n1", "p", "ns", name, "flow", args, attack);
    }

    private static FlowEvent alert(long ts, String rule, String priority) {
        return new FlowEvent("t", "a" + ts, ts, "n1", "p", "ns", rule, "syscall", Map.of("priority", priority), null);
    }

    private static double feature(double[] v, String name) {
        return v[FlowFeatures.NAMES.indexOf(name)];
    }

    @Test
    void countsRatiosAndPriorities() {
        FlowPane pane = new FlowPane();
        pane.add(flow(0, "TCP", "10.0.0.1", 443, "SYN", "FORWARDED", 0));
        pane.add(flow(1, "TCP", "10.0.0.1", 443, "SYN,ACK", "FORWARDED", 0));
        pane.add(flow(2, "TCP", "10.0.0.2", 22, "SYN", "DROPPED", 0));
        pane.add(flow(3, "dns", "10.96.0.10", 53, null, "FORWARDED", 0));
        pane.add(alert(4, "Terminal shell in container", "Notice"));
        pane.add(alert(5, "Detect outbound connections to common miner pool ports", "Critical"));
        pane.close(PeerHistory.defaults(), 0);
        double[] v = FlowFeatures.extract(List.of(pane));
        assertThat(v).hasSize(FlowFeatures.NAMES.size());
        assertThat(feature(v, "flow_count")).isEqualTo(4);
        assertThat(feature(v, "flow_tcp")).isEqualTo(3);
        assertThat(feature(v, "flow_dns")).isEqualTo(1);
        assertThat(feature(v, "flow_dropped")).isEqualTo(1);
        assertThat(feature(v, "flow_drop_ratio")).isEqualTo(0.25);
        assertThat(feature(v, "flow_syn_only")).isEqualTo(2);
        assertThat(feature(v, "flow_syn_ratio")).as("SYN without ACK among flows with TCP flags").isEqualTo(2.0 / 3);
        assertThat(feature(v, "flow_dst_ips")).isEqualTo(3);
        assertThat(feature(v, "flow_dst_ports")).isEqualTo(3);
        assertThat(feature(v, "flow_new_peers")).as("all new to an empty history").isEqualTo(3);
        assertThat(feature(v, "event_count")).isEqualTo(2);
        assertThat(feature(v, "event_high")).isEqualTo(1);
        assertThat(feature(v, "event_low")).isEqualTo(1);
        assertThat(feature(v, "event_names")).isEqualTo(2);
        double buckets = 0;
        for (int b = 0; b < FlowPane.NAME_BUCKETS; b++) {
            buckets += feature(v, "event_name_h" + b);
        }
        assertThat(buckets).isEqualTo(2);
        assertThat(FlowFeatures.label(List.of(pane))).isEqualTo(0);
    }

    @Test
    void aWindowWithoutFlowsHasZeroCountsAndNoRatios() {
        double[] v = FlowFeatures.extract(List.of());
        assertThat(feature(v, "flow_count")).isZero();
        assertThat(feature(v, "flow_dst_ips")).isZero();
        assertThat(feature(v, "flow_drop_ratio")).isNaN();
        assertThat(FlowFeatures.label(List.of())).isNull();
    }

    @Test
    void sketchesEstimateDistinctCountsOfAScanAndMergeAcrossPanes() {
        List<FlowPane> panes = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            FlowPane pane = new FlowPane();
            for (int i = 0; i < 5_000; i++) { // each pane: 5,000 targets, 1,000 of them shared with the next
                int host = p * 4_000 + i;
                pane.add(flow(i, "TCP", "10." + (host >> 16 & 255) + "." + (host >> 8 & 255) + "." + (host & 255),
                        1 + host % 60_000, "SYN", "DROPPED", 1));
            }
            panes.add(pane);
        }
        PeerHistory history = PeerHistory.defaults();
        panes.forEach(pane -> pane.close(history, 0));
        double[] v = FlowFeatures.extract(panes);
        double trueDistinct = 5 * 4_000 + 5_000;
        assertThat(feature(v, "flow_dst_ips")).isCloseTo(trueDistinct, within(trueDistinct * 0.05));
        assertThat(feature(v, "flow_dst_ports")).isCloseTo(trueDistinct, within(trueDistinct * 0.05));
        assertThat(feature(v, "flow_count")).isEqualTo(30_000);
        assertThat(panes.get(0).peers).as("exact tracking is bounded").hasSize(FlowPane.TRACKED_PEERS);
        assertThat(FlowFeatures.label(panes)).isEqualTo(1);
    }

    @Test
    void newPeersAreThoseTheNodeHasNotSeenWithinTheHorizon() {
        PeerHistory history = new PeerHistory(Duration.ofMinutes(10), 3);
        assertThat(history.remember(List.of("a", "b"), 0)).isEqualTo(2);
        assertThat(history.remember(List.of("a", "c"), 60_000)).isEqualTo(1);
        assertThat(history.remember(List.of("d"), 120_000)).as("capacity 3 forgets b, the least recently seen").isEqualTo(1);
        assertThat(history.remember(List.of("b"), 180_000)).isEqualTo(1);
        assertThat(history.remember(List.of("a"), 180_000 + 600_001)).as("a unseen for more than the horizon")
                .isEqualTo(1);
        assertThat(history.size()).isEqualTo(1);
    }

    @Test
    void panesAndHistoriesSurviveSerialization() throws IOException {
        FlowPane pane = new FlowPane();
        pane.add(flow(0, "TCP", "10.0.0.1", 443, "SYN", "FORWARDED", 1));
        pane.add(alert(4, "Terminal shell in container", "Warning"));
        PeerHistory history = PeerHistory.defaults();
        history.remember(List.of("10.0.0.9"), 0);
        pane.close(history, 10_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        pane.writeTo(out);
        history.writeTo(out);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        FlowPane pane2 = FlowPane.readFrom(in);
        assertThat(pane2).isEqualTo(pane);
        assertThat(PeerHistory.readFrom(in)).isEqualTo(history);
        assertThat(FlowFeatures.extract(List.of(pane2))).containsExactly(FlowFeatures.extract(List.of(pane)));
        assertThat(pane.copy()).isEqualTo(pane);
        assertThat(history.copy()).isEqualTo(history);
        assertThatThrownBy(() -> pane.add(flow(1, "TCP", "x", 1, null, "FORWARDED", 0)))
                .isInstanceOf(IllegalStateException.class);
    }

    private static ScoredSample sample(long ts, Integer attack) {
        return new ScoredSample("n1", ts, new String[] {"x"}, new double[] {1}, new double[] {Double.NaN},
                Double.NaN, false, new String[0], new double[0], attack);
    }

    @Test
    void windowsJoinTheNodesFlowsOnTheSamePanes() {
        List<ScoredSample> samples = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            samples.add(sample(i * 10_000L, 0));
        }
        List<FlowEvent> flows = new ArrayList<>();
        flows.add(flow(95_000, "TCP", "10.0.0.7", 22, "SYN", "FORWARDED", 1)); // labelled attack, only in flows
        flows.add(flow(5_000, "TCP", "10.0.0.7", 22, "SYN,ACK", "FORWARDED", 0));
        Windower windower = new Windower(SlidingWindows.defaults());
        List<WindowVector> fused = windower.windows(samples, flows, FeatureSet.FUSED);
        List<WindowVector> metrics = windower.windows(samples);
        List<WindowVector> onlyFlows = windower.windows(samples, flows, FeatureSet.FLOWS);
        assertThat(fused).hasSameSizeAs(metrics).hasSameSizeAs(onlyFlows);
        int metricCount = metrics.get(0).names().length;
        assertThat(fused.get(0).names()).hasSize(metricCount + FlowFeatures.NAMES.size());
        assertThat(onlyFlows.get(0).names()).containsExactlyElementsOf(FlowFeatures.NAMES);
        for (int w = 0; w < fused.size(); w++) {
            WindowVector f = fused.get(w);
            assertThat(java.util.Arrays.copyOf(f.values(), metricCount)).containsExactly(metrics.get(w).values());
            boolean coversFirst = f.start() <= 5_000 && f.end() > 5_000;
            boolean coversLast = f.start() <= 95_000 && f.end() > 95_000;
            assertThat(f.values()[metricCount]).as("flow_count of window " + f.start())
                    .isEqualTo((coversFirst ? 1 : 0) + (coversLast ? 1 : 0));
            assertThat(f.attack()).as("label of window " + f.start()).isEqualTo(coversLast ? 1 : 0);
            assertThat(feature(onlyFlows.get(w).values(), "flow_new_peers"))
                    .as("10.0.0.7 is new in the first pane only").isEqualTo(coversFirst ? 1 : 0);
        }
        assertThat(FeatureSet.of("Fused")).isEqualTo(FeatureSet.FUSED);
        assertThatThrownBy(() -> FeatureSet.of("both")).hasMessageContaining("metrics, flows or fused");
    }
}
