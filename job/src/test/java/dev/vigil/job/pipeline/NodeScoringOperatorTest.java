package dev.vigil.job.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.MetricSample;
import dev.vigil.core.event.Rejection;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.job.JobSettings;
import dev.vigil.job.VigilOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The keyed scoring operator on heap and RocksDB, handling each sample on arrival and in mini-batches:
 * output, rejections, timers, snapshot and restore, and the same results wherever batches end.
 */
class NodeScoringOperatorTest {

    private static final String[] NAMES = {"cpu_sec_idle", "load1"};
    private static final int ON_ARRIVAL = 1;
    private static final int BATCHED = 50_000;
    private static final long LATENCY_MS = 200;

    private static JobSettings settings(int batchSize) {
        Configuration config = new Configuration();
        config.set(VigilOptions.ZSCORE_WARMUP, 5);
        config.set(VigilOptions.SCORING_BATCH_SIZE, batchSize);
        config.set(VigilOptions.SCORING_BATCH_LATENCY, Duration.ofMillis(LATENCY_MS));
        return JobSettings.from(config);
    }

    static Stream<Arguments> backendsAndBatches() {
        return Stream.of(ON_ARRIVAL, BATCHED).flatMap(batch -> Stream.of(
                Arguments.of(new HashMapStateBackend(), batch), Arguments.of(new EmbeddedRocksDBStateBackend(), batch)));
    }

    static Stream<StateBackend> backends() {
        return Stream.of(new HashMapStateBackend(), new EmbeddedRocksDBStateBackend());
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, MetricSample, ScoredSample> harness(
            StateBackend backend, int batchSize) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new NodeScoringOperator(settings(batchSize), VigilPipeline.REJECTED), MetricSample::node, Types.STRING);
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

    /** Lets the allowed latency of a mini-batch pass, which flushes it. */
    private static void pass(KeyedOneInputStreamOperatorTestHarness<String, MetricSample, ScoredSample> h)
            throws Exception {
        h.setProcessingTime(h.getProcessingTime() + LATENCY_MS);
    }

    private static List<Rejection> rejections(KeyedOneInputStreamOperatorTestHarness<String, MetricSample, ScoredSample> h) {
        var side = h.getSideOutput(VigilPipeline.REJECTED);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    @ParameterizedTest
    @MethodSource("backendsAndBatches")
    void ordersWithinTheWatermarkAndScoresRates(StateBackend backend, int batchSize) throws Exception {
        try (var h = harness(backend, batchSize)) {
            h.open();
            feed(h, sample("n1", 1, 0));
            feed(h, sample("n1", 0, 0));
            feed(h, sample("n2", 0, 0));
            pass(h);
            assertThat(h.numEventTimeTimers()).as("one timer per node with waiting samples").isEqualTo(2);
            assertThat(h.extractOutputValues()).isEmpty();

            h.processWatermark(10_000);
            pass(h);
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
    @MethodSource("backendsAndBatches")
    void rejectsDuplicatesAndLateSamplesWithReasons(StateBackend backend, int batchSize) throws Exception {
        try (var h = harness(backend, batchSize)) {
            h.open();
            feed(h, sample("n1", 0, 0));
            feed(h, sample("n1", 0, 0));
            h.processWatermark(30_000);
            feed(h, sample("n1", 5, 0));
            h.processWatermark(50_000);
            feed(h, sample("n1", 3, 0));
            feed(h, sample("n1", 5, 0));
            pass(h);
            List<Rejection> rejected = rejections(h);
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
    @MethodSource("backendsAndBatches")
    void aSampleBehindTheWatermarkWaitsForTheNextOne(StateBackend backend, int batchSize) throws Exception {
        try (var h = harness(backend, batchSize)) {
            h.open();
            for (int i = 0; i < 4; i++) {
                feed(h, sample("n1", i, 0));
            }
            h.processWatermark(70_000);
            feed(h, sample("n1", 5, 0)); // behind the watermark, after the last scored sample (30 s)
            feed(h, sample("n1", 4, 0)); // older still, before the next watermark: put in order, not late
            pass(h);
            assertThat(h.extractOutputValues()).extracting(ScoredSample::ts).containsExactly(0L, 10_000L, 20_000L, 30_000L);
            h.processWatermark(80_000);
            pass(h);
            assertThat(h.extractOutputValues()).extracting(ScoredSample::ts)
                    .containsExactly(0L, 10_000L, 20_000L, 30_000L, 40_000L, 50_000L);
            assertThat(rejections(h)).isEmpty();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aMiniBatchHoldsTheWatermarkUntilItIsFlushed() throws Exception {
        try (var h = harness(new HashMapStateBackend(), BATCHED)) {
            h.open();
            h.processWatermark(-5_000);
            assertThat(h.getOutput()).as("nothing waits: the watermark passes").hasSize(1);
            feed(h, sample("n1", 0, 0));
            h.processWatermark(5_000);
            assertThat(h.getOutput()).as("held with the sample").hasSize(1);
            pass(h);
            assertThat(h.extractOutputValues()).extracting(ScoredSample::ts).containsExactly(0L);
            assertThat(h.getOutput().stream().filter(o -> o instanceof org.apache.flink.streaming.api.watermark.Watermark))
                    .as("the score goes out before its watermark").hasSize(2)
                    .last().isEqualTo(new org.apache.flink.streaming.api.watermark.Watermark(5_000));
        }
    }

    @ParameterizedTest
    @MethodSource("backendsAndBatches")
    void snapshotAndRestoreKeepBaselinesPendingSamplesAndTimers(StateBackend backend, int batchSize) throws Exception {
        List<ScoredSample> uninterrupted;
        try (var h = harness(backend, batchSize)) {
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
        try (var h = harness(backend, batchSize)) {
            h.open();
            for (int i = 0; i < 20; i++) {
                feed(h, sample("n1", i, 0));
                h.processWatermark(i * 10_000L - 10_000);
            }
            // Before the barrier a mini-batch is flushed (a job does this; the harness is told to): memory
            // holds nothing at a checkpoint.
            h.prepareSnapshotPreBarrier(1L);
            snapshot = h.snapshot(1L, 1L);
            before = h.extractOutputValues();
            assertThat(h.numEventTimeTimers()).as("the newest sample waits for the watermark").isEqualTo(1);
        }
        try (var h = harness(backend, batchSize)) {
            h.initializeState(snapshot);
            h.open();
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
            for (int i = 20; i < 40; i++) {
                feed(h, sample("n1", i, i == 35 ? -6 : 0));
                h.processWatermark(i * 10_000L - 10_000);
            }
            h.processWatermark(Long.MAX_VALUE);
            List<ScoredSample> restored = new ArrayList<>(before);
            restored.addAll(h.extractOutputValues());
            assertThat(restored).isEqualTo(uninterrupted);
            assertThat(restored.get(35).anomaly()).as("the baseline came back: the idle drop is flagged").isTrue();
            assertThat(restored.stream().filter(ScoredSample::anomaly).map(ScoredSample::ts))
                    .as("the drop and the rebound after it").containsExactly(350_000L, 360_000L);
        }
    }

    /**
     * Five nodes, samples shuffled within and beyond the out-of-orderness, duplicates, eager watermarks: the
     * scores of each node and the rejections are the same whether each sample is handled on arrival or in
     * mini-batches ended at random points by the latency, by size or by a checkpoint (restored into a new
     * operator).
     */
    @ParameterizedTest
    @MethodSource("backends")
    void miniBatchesDecideAndScoreExactlyAsOneSampleAtATime(StateBackend backend) throws Exception {
        List<MetricSample> input = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            for (int n = 0; n < 5; n++) {
                input.add(sample("n" + n, i, i % 97 == 50 + n ? -6 : 0));
                if (random.nextInt(40) == 0) {
                    input.add(sample("n" + n, i - random.nextInt(3), 0)); // duplicate, or late
                }
            }
        }
        for (int k = 0; k < input.size() - 1; k++) {
            if (random.nextInt(4) == 0) { // out of order by up to a few slots
                int j = Math.min(input.size() - 1, k + 1 + random.nextInt(12));
                input.set(k, input.set(j, input.get(k)));
            }
        }

        Result reference = run(backend, ON_ARRIVAL, input, new Random(1), false);
        assertThat(reference.rejections).as("the input has duplicates and late samples").hasSizeGreaterThan(20);
        assertThat(reference.rejections.values()).anyMatch(r -> r.startsWith("late sample"))
                .anyMatch(r -> r.startsWith("duplicate sample"));
        assertThat(reference.scores.values().stream().mapToInt(List::size).sum()).isGreaterThan(1_400);

        for (int seed = 0; seed < 3; seed++) {
            Result batched = run(backend, seed == 2 ? 37 : BATCHED, input, new Random(seed), true);
            assertThat(batched.scores).as("scores per node, seed " + seed).isEqualTo(reference.scores);
            assertThat(batched.rejections).as("rejections, seed " + seed).isEqualTo(reference.rejections);
        }
    }

    private record Result(Map<String, List<ScoredSample>> scores, Map<String, String> rejections) {
    }

    private static Result run(StateBackend backend, int batchSize, List<MetricSample> input, Random random,
            boolean interrupt) throws Exception {
        List<ScoredSample> scores = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        var h = harness(backend, batchSize);
        h.open();
        long newest = Long.MIN_VALUE;
        long checkpoint = 0;
        for (MetricSample s : input) {
            feed(h, s);
            if (s.ts() > newest) {
                newest = s.ts();
                h.processWatermark(newest - 25_001);
            }
            if (interrupt && random.nextInt(60) == 0) {
                pass(h);
            } else if (interrupt && random.nextInt(150) == 0) {
                h.prepareSnapshotPreBarrier(++checkpoint);
                OperatorSubtaskState snapshot = h.snapshot(checkpoint, checkpoint);
                scores.addAll(h.extractOutputValues());
                rejected.addAll(rejections(h));
                h.close();
                h = harness(backend, batchSize);
                h.initializeState(snapshot);
                h.open();
                // Watermarks are not in a checkpoint: the restored operator starts without one, as in a job.
            }
        }
        h.processWatermark(Long.MAX_VALUE);
        scores.addAll(h.extractOutputValues());
        rejected.addAll(rejections(h));
        h.close();
        return new Result(scores.stream().collect(Collectors.groupingBy(ScoredSample::node, TreeMap::new,
                Collectors.toList())), rejected.stream().collect(Collectors.toMap(
                        r -> r.location() + "/" + r.reason(), Rejection::reason, (a, b) -> a + " | " + b, TreeMap::new)));
    }
}
