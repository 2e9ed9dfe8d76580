package dev.vigil.job.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.MetricSample;
import dev.vigil.core.event.Rejection;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.job.JobSettings;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The keyed scoring function on heap and RocksDB: output, state entries, timers, snapshot and restore. */
class NodeScoringFunctionTest {

    private static final String[] NAMES = {"cpu_sec_idle", "load1"};
    private static final Configuration CONFIG = new Configuration();

    static {
        CONFIG.set(dev.vigil.job.VigilOptions.ZSCORE_WARMUP, 5);
    }

    private static final JobSettings SETTINGS = JobSettings.from(CONFIG);

    static Stream<StateBackend> backends() {
        return Stream.of(new HashMapStateBackend(), new EmbeddedRocksDBStateBackend());
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, MetricSample, ScoredSample> harness(
            StateBackend backend) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new NodeScoringFunction(SETTINGS, VigilPipeline.REJECTED)),
                MetricSample::node, Types.STRING);
        harness.setStateBackend(backend);
        return harness;
    }

    /** Sample {@code i} of node {@code node}: an idle counter growing 8 s per 10 s, load around 1. */
    private static MetricSample sample(String node, int i, double extraIdle) {
        return new MetricSample(node, i * 10_000L, NAMES,
                new double[] {1000 + i * 8.0 + (i % 2) * 0.5 + extraIdle, 1 + (i % 3) * 0.1}, 0, "test", "l" + i);
    }

    private static void feed(KeyedOneInputStreamOperatorTestHarness<String, MetricSample, ScoredSample> h,
            MetricSample s) throws Exception {
        h.processElement(new StreamRecord<>(s, s.ts()));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void ordersWithinTheWatermarkAndScoresRates(StateBackend backend) throws Exception {
        try (var h = harness(backend)) {
            h.open();
            feed(h, sample("n1", 1, 0));
            feed(h, sample("n1", 0, 0));
            feed(h, sample("n2", 0, 0));
            assertThat(h.numEventTimeTimers()).isEqualTo(3);
            assertThat(h.extractOutputValues()).isEmpty();

            h.processWatermark(10_000);
            List<ScoredSample> out = h.extractOutputValues();
            // Order is guaranteed per node (event time), not across nodes.
            List<ScoredSample> n1 = out.stream().filter(s -> s.node().equals("n1")).toList();
            assertThat(n1).extracting(ScoredSample::ts).containsExactly(0L, 10_000L);
            assertThat(out).extracting(ScoredSample::node).containsExactlyInAnyOrder("n1", "n1", "n2");
            assertThat(n1.get(0).values()[0]).as("first sample: no rate").isNaN();
            assertThat(n1.get(1).values()[0]).as("idle seconds per second").isEqualTo(0.85);
            assertThat(h.numEventTimeTimers()).isZero();
            if (backend instanceof HashMapStateBackend) {
                // RocksDB cannot count its entries; the heap backend shows nothing stays pending.
                assertThat(h.numKeyedStateEntries()).as("one node state per node, nothing pending").isEqualTo(2);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void rejectsDuplicatesAndLateSamplesWithReasons(StateBackend backend) throws Exception {
        try (var h = harness(backend)) {
            h.open();
            feed(h, sample("n1", 0, 0));
            feed(h, sample("n1", 0, 0));
            h.processWatermark(30_000);
            feed(h, sample("n1", 5, 0));
            h.processWatermark(50_000);
            feed(h, sample("n1", 3, 0));
            feed(h, sample("n1", 5, 0));
            List<Rejection> rejected = h.getSideOutput(VigilPipeline.REJECTED).stream()
                    .map(StreamRecord::getValue).toList();
            assertThat(rejected).extracting(Rejection::location).containsExactly("l0", "l3", "l5");
            assertThat(rejected.get(0).reason()).startsWith("duplicate sample: node n1 already has one at "
                    + "1970-01-01T00:00:00Z");
            assertThat(rejected.get(1).reason()).startsWith("late sample: node n1 was already scored up to "
                    + "1970-01-01T00:00:50Z");
            assertThat(rejected.get(2).reason()).startsWith("duplicate sample");
            assertThat(rejected.get(1).payload()).contains("\"node\":\"n1\"").contains("cpu_sec_idle");
            assertThat(h.extractOutputValues()).hasSize(2);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void snapshotAndRestoreKeepBaselinesPendingSamplesAndTimers(StateBackend backend) throws Exception {
        List<ScoredSample> uninterrupted;
        try (var h = harness(backend)) {
            h.open();
            for (int i = 0; i < 40; i++) {
                feed(h, sample("n1", i, i == 35 ? -6 : 0));
                h.processWatermark(i * 10_000L - 10_000);
            }
            h.processWatermark(Long.MAX_VALUE);
            uninterrupted = h.extractOutputValues();
        }

        OperatorSubtaskState snapshot;
        List<ScoredSample> before;
        try (var h = harness(backend)) {
            h.open();
            for (int i = 0; i < 20; i++) {
                feed(h, sample("n1", i, 0));
                h.processWatermark(i * 10_000L - 10_000);
            }
            before = h.extractOutputValues();
            assertThat(h.numEventTimeTimers()).as("the newest sample waits for the watermark").isEqualTo(1);
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(backend)) {
            h.initializeState(snapshot);
            h.open();
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
            for (int i = 20; i < 40; i++) {
                feed(h, sample("n1", i, i == 35 ? -6 : 0));
                h.processWatermark(i * 10_000L - 10_000);
            }
            h.processWatermark(Long.MAX_VALUE);
            List<ScoredSample> restored = new java.util.ArrayList<>(before);
            restored.addAll(h.extractOutputValues());
            assertThat(restored).isEqualTo(uninterrupted);
            assertThat(restored.get(35).anomaly()).as("the baseline came back: the idle drop is flagged").isTrue();
            assertThat(restored.stream().filter(ScoredSample::anomaly).map(ScoredSample::ts))
                    .as("the drop and the rebound after it").containsExactly(350_000L, 360_000L);
        }
    }
}
