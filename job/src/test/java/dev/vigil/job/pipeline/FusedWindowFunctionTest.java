package dev.vigil.job.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.FlowEvent;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.flow.FeatureSet;
import dev.vigil.core.flow.FlowFeatures;
import dev.vigil.core.ml.ModelSet;
import dev.vigil.core.ml.WindowClassifiers;
import dev.vigil.core.ml.WindowDatasets;
import dev.vigil.core.ml.WindowModels;
import dev.vigil.core.window.SlidingWindows;
import dev.vigil.core.window.WindowPrediction;
import dev.vigil.core.window.WindowVector;
import dev.vigil.core.window.Windower;
import dev.vigil.job.VigilOptions;
import dev.vigil.job.WindowSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * The fused window function on heap and RocksDB: a node's flows join its metric windows exactly as the offline
 * {@link Windower} joins them (a model trained on offline fused windows gives the same probability on each
 * stream window), late flows are left out, and a snapshot and restore in the middle change nothing.
 */
class FusedWindowFunctionTest {

    @TempDir
    static Path tmp;

    private static WindowSettings settings;
    private static Model<Label> model;

    static Stream<StateBackend> backends() {
        return Stream.of(new HashMapStateBackend(), new EmbeddedRocksDBStateBackend());
    }

    /** The samples of {@link NodeWindowFunctionTest}; n1's attack (300 s .. 380 s) also scans ports. */
    static List<FlowEvent> flows() {
        List<FlowEvent> out = new ArrayList<>();
        for (String node : List.of("n1", "n2")) {
            for (int i = 0; i < 120; i++) { // calm: a call every 5 s to one of three services
                long ts = 2_000 + i * 5_000L;
                out.add(flow(node, ts, "10.96.1." + i % 3, 443, i % 3 == 0 ? "SYN" : "ACK", 0));
            }
        }
        for (int i = 0; i < 400; i++) {
            out.add(flow("n1", 300_000 + i * 200L, "10.244.9.9", 1 + i, "SYN", 1));
        }
        out.sort(Comparator.comparingLong(FlowEvent::ts));
        return out;
    }

    private static FlowEvent flow(String node, long ts, String dst, int port, String flags, int attack) {
        return new FlowEvent("t", node + "@" + ts, ts, node, "p", "ns", "tcp", "flow", Map.of("dst_ip", dst,
                "dst_port", Integer.toString(port), "tcp_flags", flags, "verdict", "FORWARDED", "direction", "EGRESS"), attack);
    }

    static List<WindowVector> offlineWindows() {
        return new Windower(SlidingWindows.defaults()).everyNode(NodeWindowFunctionTest.samples(), flows(), FeatureSet.FUSED);
    }

    @BeforeAll
    static void trainAModel() throws Exception {
        model = WindowClassifiers.trainer("linear", 1, 1).train(WindowDatasets.dataset(offlineWindows(), "fused", true));
        Path file = tmp.resolve("fused.tribuo");
        WindowModels.save(model, file);
        Configuration conf = new Configuration();
        conf.set(VigilOptions.MODELS, List.of("fused=" + file));
        settings = WindowSettings.from(conf);
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, ScoredSample, FlowEvent, WindowPrediction> harness(
            StateBackend backend) throws Exception {
        var h = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new FusedWindowFunction(settings, VigilPipeline.INCIDENTS)),
                ScoredSample::node, FlowEvent::node, Types.STRING);
        h.setStateBackend(backend);
        return h;
    }

    /** Samples and flows in time order from {@code from} (inclusive) to {@code to} (exclusive), watermarks following. */
    private static void feed(KeyedTwoInputStreamOperatorTestHarness<String, ScoredSample, FlowEvent, WindowPrediction> h,
            long from, long to) throws Exception {
        List<Object[]> records = new ArrayList<>();
        NodeWindowFunctionTest.samples().forEach(s -> records.add(new Object[] {s.ts(), s}));
        flows().forEach(f -> records.add(new Object[] {f.ts(), f}));
        records.sort(Comparator.comparingLong(r -> (Long) r[0]));
        for (Object[] r : records) {
            long ts = (Long) r[0];
            if (ts < from || ts >= to) {
                continue;
            }
            if (r[1] instanceof ScoredSample s) {
                h.processElement1(new StreamRecord<>(s, ts));
            } else {
                h.processElement2(new StreamRecord<>((FlowEvent) r[1], ts));
            }
            h.processWatermark1(new org.apache.flink.streaming.api.watermark.Watermark(ts));
            h.processWatermark2(new org.apache.flink.streaming.api.watermark.Watermark(ts));
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void fusedWindowsAreTheOfflineOnesAcrossASnapshot(StateBackend backend) throws Exception {
        List<WindowVector> offline = offlineWindows();
        assertThat(offline.get(0).names()).hasSize(2 * 9 + 2 + FlowFeatures.NAMES.size());
        List<WindowPrediction> predictions = new ArrayList<>();
        OperatorSubtaskState snapshot;
        try (var h = harness(backend)) {
            h.open();
            feed(h, 0, 320_000); // in the middle of the scan
            predictions.addAll(h.extractOutputValues());
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(backend)) {
            h.initializeState(snapshot);
            h.open();
            feed(h, 320_000, Long.MAX_VALUE);
            h.processElement2(new StreamRecord<>(flow("n1", 1_000, "10.0.0.1", 1, "SYN", 1), 1_000)); // late
            h.processWatermark1(new org.apache.flink.streaming.api.watermark.Watermark(Long.MAX_VALUE));
            h.processWatermark2(new org.apache.flink.streaming.api.watermark.Watermark(Long.MAX_VALUE));
            predictions.addAll(h.extractOutputValues());
            assertThat(h.numEventTimeTimers()).isZero();
            if (backend instanceof HashMapStateBackend) {
                assertThat(h.numKeyedStateEntries()).as("panes dropped; each node's peer history kept").isEqualTo(2);
            }
        }
        ModelSet offlineModel = ModelSet.of(Map.of("fused", model));
        assertThat(predictions).hasSize(offline.size());
        for (WindowVector w : offline) {
            double expected = offlineModel.classify(w).probability()[0];
            assertThat(predictions).as("window %s [%d, %d)", w.node(), w.start(), w.end()).anySatisfy(p -> {
                assertThat(p.node()).isEqualTo(w.node());
                assertThat(p.end()).isEqualTo(w.end());
                assertThat(p.label()).isEqualTo(w.attack());
                assertThat(p.probability()).isEqualTo(expected);
            });
        }
        assertThat(predictions.stream().filter(p -> p.label() == 1)).allMatch(WindowPrediction::attack);
    }
}
