package dev.vigil.job.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.core.event.FlowEvent;
import dev.vigil.core.flow.EventSequences;
import dev.vigil.core.flow.FlowFeatures;
import dev.vigil.core.flow.FlowPane;
import dev.vigil.core.flow.PeerHistory;
import dev.vigil.core.flow.PodWindow;
import dev.vigil.core.window.SlidingWindows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each pod's flow windows: one per window that holds the pod's events, with the flow features of exactly the
 * pod's panes (new peers against the pod's own history), across a snapshot and restore, panes dropped after.
 */
class PodFlowWindowFunctionTest {

    private static final SlidingWindows WINDOWS = SlidingWindows.defaults();

    static Stream<StateBackend> backends() {
        return Stream.of(new HashMapStateBackend(), new EmbeddedRocksDBStateBackend());
    }

    private static FlowEvent flow(String pod, long ts, String dst, int port) {
        return new FlowEvent("t", pod + "@" + ts, ts, "n1", pod, "shop", "tcp", "flow", Map.of("dst_ip", dst, "dst_port",
                Integer.toString(port), "tcp_flags", "SYN", "verdict", "FORWARDED"), pod.equals("scanner") ? 1 : 0);
    }

    /** A calm pod calling one service every 20 s for 2 minutes; a scanner hitting 200 ports in 4 s at 65 s. */
    static List<FlowEvent> events() {
        List<FlowEvent> out = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            out.add(flow("web", 3_000 + i * 20_000L, "10.96.1.1", 443));
        }
        for (int i = 0; i < 200; i++) {
            out.add(flow("scanner", 65_000 + i * 20L, "10.244.9.9", 1 + i));
        }
        out.sort(java.util.Comparator.comparingLong(FlowEvent::ts));
        return out;
    }

    /** The expected windows of one pod, from its panes cut and closed as the stream does. */
    static List<PodWindow> expected(String pod) {
        TreeMap<Long, FlowPane> panes = new TreeMap<>();
        events().stream().filter(e -> e.pod().equals(pod))
                .forEach(e -> panes.computeIfAbsent(WINDOWS.pane(e.ts()), p -> new FlowPane()).add(e));
        PeerHistory history = PeerHistory.defaults();
        panes.forEach((p, pane) -> pane.close(history, WINDOWS.paneStart(p)));
        List<PodWindow> out = new ArrayList<>();
        for (long last = panes.firstKey(); last <= panes.lastKey() + WINDOWS.panes() - 1; last++) {
            var in = panes.subMap(last - WINDOWS.panes() + 1, true, last, true).values();
            if (!in.isEmpty()) {
                out.add(new PodWindow("n1", "shop", pod, WINDOWS.windowStart(last), WINDOWS.paneStart(last + 1),
                        FlowFeatures.extract(in), FlowFeatures.label(in)));
            }
        }
        return out;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, FlowEvent, PodWindow> harness(StateBackend backend)
            throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new PodFlowWindowFunction(WINDOWS)),
                EventSequences::podKey, Types.STRING);
        h.setStateBackend(backend);
        return h;
    }

    private static void feed(KeyedOneInputStreamOperatorTestHarness<String, FlowEvent, PodWindow> h, long from, long to)
            throws Exception {
        for (FlowEvent e : events()) {
            if (e.ts() >= from && e.ts() < to) {
                h.processElement(new StreamRecord<>(e, e.ts()));
                h.processWatermark(e.ts());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void eachPodsWindowsHoldItsOwnFlowsAcrossASnapshot(StateBackend backend) throws Exception {
        List<PodWindow> out = new ArrayList<>();
        OperatorSubtaskState snapshot;
        try (var h = harness(backend)) {
            h.open();
            feed(h, 0, 66_000);
            out.addAll(h.extractOutputValues());
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(backend)) {
            h.initializeState(snapshot);
            h.open();
            feed(h, 66_000, Long.MAX_VALUE);
            h.processElement(new StreamRecord<>(flow("web", 1_000, "10.0.0.1", 1), 1_000)); // late: left out
            h.processWatermark(Long.MAX_VALUE);
            out.addAll(h.extractOutputValues());
            assertThat(h.numEventTimeTimers()).isZero();
            if (backend instanceof HashMapStateBackend) {
                assertThat(h.numKeyedStateEntries()).as("panes dropped; each pod's peer history kept").isEqualTo(2);
            }
        }
        List<PodWindow> web = out.stream().filter(w -> w.pod().equals("web")).toList();
        List<PodWindow> scanner = out.stream().filter(w -> w.pod().equals("scanner")).toList();
        assertThat(web).containsExactlyElementsOf(expected("web"));
        assertThat(scanner).containsExactlyElementsOf(expected("scanner"));
        assertThat(scanner).hasSize(6).allSatisfy(w -> {
            assertThat(w.value("flow_syn_only")).isEqualTo(200);
            assertThat(w.value("flow_dst_ports")).as("a HyperLogLog estimate").isCloseTo(200, within(6.0));
            assertThat(w.value("flow_new_peers")).isEqualTo(1);
            assertThat(w.attack()).isEqualTo(1);
        });
        assertThat(web).allSatisfy(w -> assertThat(w.value("flow_count")).isBetween(1.0, 3.0));
        assertThat(web.get(0).value("flow_new_peers")).as("10.96.1.1 new to the pod once").isEqualTo(1);
        assertThat(web.get(web.size() - 1).value("flow_new_peers")).isZero();
    }
}
