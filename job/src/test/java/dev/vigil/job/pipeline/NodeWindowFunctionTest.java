package dev.vigil.job.pipeline;

import static org.assertj.core.api.Assertions.within;
import org.junit.jupiter.api.AfterAll;
import org.tribuo.classification.LabelFactory;
import dev.vigil.core.ml.WindowEvaluation;
import dev.vigil.core.window.WindowSequences;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.alerts.Incident;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.ml.WindowClassifiers;
import dev.vigil.core.ml.WindowDatasets;
import dev.vigil.core.ml.ModelSet;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * The window function on heap and RocksDB: its windows are exactly those the offline {@link Windower}
 * cuts (a model trained offline gives the same probability on each), panes and timers are cleaned up,
 * incidents open and close, and snapshot and restore change nothing.
 */
class NodeWindowFunctionTest {

    private static final String[] NAMES = {"x", "y"};

    @TempDir
    static Path tmp;

    private static WindowSettings settings;
    private static Model<Label> model;
    private static WindowSettings sequenceSettings;
    private static Model<Label> sequenceModel;

    static Stream<StateBackend> backends() {
        return Stream.of(new HashMapStateBackend(), new EmbeddedRocksDBStateBackend());
    }

    /** n1: 60 samples every 10 s, an attack at samples 30..38 (x high, flagged); n2: 40 calm samples. */
    static List<ScoredSample> samples() {
        List<ScoredSample> out = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            boolean attack = i >= 30 && i <= 38;
            double noise = Math.sin(i * 1.7) * 0.3;
            double x = (attack ? 8 : 1) + noise;
            double zx = attack ? 9 + noise : noise * 2;
            out.add(new ScoredSample("n1", i * 10_000L, NAMES, new double[] {x, 5 + noise},
                    new double[] {i < 3 ? Double.NaN : zx, Double.NaN}, attack ? zx : Math.abs(zx), attack,
                    new String[] {"x"}, new double[] {zx}, attack ? 1 : 0));
        }
        for (int i = 0; i < 40; i++) {
            double noise = Math.cos(i * 0.9) * 0.3;
            out.add(new ScoredSample("n2", 5_000 + i * 10_000L, NAMES, new double[] {1 + noise, 5 - noise},
                    new double[] {noise, Double.NaN}, Math.abs(noise), false, new String[] {"x"},
                    new double[] {noise}, 0));
        }
        out.sort(Comparator.comparingLong(ScoredSample::ts));
        return out;
    }

    static List<WindowVector> offlineWindows() {
        Windower windower = new Windower(SlidingWindows.defaults());
        List<ScoredSample> all = samples();
        List<WindowVector> out = new ArrayList<>(windower.windows(all.stream().filter(s -> s.node().equals("n1")).toList()));
        out.addAll(windower.windows(all.stream().filter(s -> s.node().equals("n2")).toList()));
        return out;
    }

    @BeforeAll
    static void trainAModel() throws Exception {
        List<WindowVector> windows = offlineWindows();
        model = WindowClassifiers.trainer("linear", 1, 1).train(WindowDatasets.dataset(windows, "test windows", true));
        Path file = tmp.resolve("linear.tribuo");
        WindowModels.save(model, file);
        Configuration conf = new Configuration();
        conf.set(VigilOptions.MODELS, List.of("linear=" + file));
        settings = WindowSettings.from(conf);

        sequenceModel = WindowClassifiers.train("gru", WindowSequences.sequences(windows, 3), "test sequences", 1);
        Path gru = tmp.resolve("gru.tribuo");
        WindowModels.save(sequenceModel, gru);
        Configuration sequences = new Configuration();
        sequences.set(VigilOptions.MODELS, List.of("gru=" + gru));
        sequenceSettings = WindowSettings.from(sequences);
    }

    @AfterAll
    static void closeModels() throws Exception {
        WindowModels.close(sequenceModel);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ScoredSample, WindowPrediction> harness(
            StateBackend backend) throws Exception {
        return harness(backend, settings);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ScoredSample, WindowPrediction> harness(
            StateBackend backend, WindowSettings settings) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new NodeWindowFunction(settings, VigilPipeline.INCIDENTS)),
                ScoredSample::node, Types.STRING);
        h.setStateBackend(backend);
        return h;
    }

    /** Feeds samples {@code from..to} with the watermark following each, as behind the scoring function. */
    private static void feed(KeyedOneInputStreamOperatorTestHarness<String, ScoredSample, WindowPrediction> h,
            List<ScoredSample> samples, int from, int to) throws Exception {
        for (ScoredSample s : samples.subList(from, to)) {
            h.processElement(new StreamRecord<>(s, s.ts()));
            h.processWatermark(s.ts());
        }
    }

    private static List<Incident> incidents(KeyedOneInputStreamOperatorTestHarness<String, ScoredSample, WindowPrediction> h) {
        var out = h.getSideOutput(VigilPipeline.INCIDENTS);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void windowsAreTheOfflineWindowsAndIncidentsOpenAndClose(StateBackend backend) throws Exception {
        List<ScoredSample> samples = samples();
        try (var h = harness(backend)) {
            h.open();
            feed(h, samples, 0, samples.size());
            assertThat(h.numEventTimeTimers()).as("the last windows wait for the watermark").isPositive();
            h.processWatermark(Long.MAX_VALUE);

            List<WindowPrediction> predictions = h.extractOutputValues();
            List<WindowVector> offline = offlineWindows();
            ModelSet offlineModel = ModelSet.of(java.util.Map.of("linear", model));
            assertThat(predictions).hasSize(offline.size());
            for (WindowVector w : offline) {
                double expected = offlineModel.classify(w).probability()[0];
                assertThat(predictions).as("window %s [%d, %d)", w.node(), w.start(), w.end())
                        .anySatisfy(p -> {
                            assertThat(p.node()).isEqualTo(w.node());
                            assertThat(p.start()).isEqualTo(w.start());
                            assertThat(p.end()).isEqualTo(w.end());
                            assertThat(p.label()).isEqualTo(w.attack());
                            assertThat(p.probability()).isEqualTo(expected);
                        });
            }
            assertThat(predictions.stream().filter(p -> p.label() == 1)).allMatch(WindowPrediction::attack);
            assertThat(h.numEventTimeTimers()).isZero();
            if (backend instanceof HashMapStateBackend) {
                assertThat(h.numKeyedStateEntries()).as("every pane dropped, no incident open").isZero();
            }

            List<Incident> incidents = incidents(h);
            assertThat(incidents).allMatch(i -> i.node().equals("n1"));
            Incident last = incidents.get(incidents.size() - 1);
            assertThat(last.closed()).isTrue();
            assertThat(incidents.stream().map(Incident::openedAt).distinct()).as("one incident").hasSize(1);
            // The model flags the first window that holds an attack sample (sample 30 at 300 s), before the
            // z-score does (5 of 6 samples flagged: the window that ends at 350 s).
            assertThat(last.openedAt()).isEqualTo(310_000);
            assertThat(last.zWindows()).as("windows ending 350 s .. 400 s").isEqualTo(6);
            assertThat(last.label()).isEqualTo(1);
            assertThat(last.features()).containsExactly(NAMES);
            assertThat(last.topFeatures(3)).containsExactly(0);
            assertThat(last.maxAbsZ()[0]).isGreaterThan(8.7);
            assertThat(last.modelWindows()[0]).isPositive();
            assertThat(last.modelMaxProbability()[0]).isGreaterThan(0.5);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void snapshotAndRestoreInTheMiddleOfAnIncidentChangeNothing(StateBackend backend) throws Exception {
        List<ScoredSample> samples = samples();
        List<WindowPrediction> uninterrupted;
        List<Incident> uninterruptedIncidents;
        try (var h = harness(backend)) {
            h.open();
            feed(h, samples, 0, samples.size());
            h.processWatermark(Long.MAX_VALUE);
            uninterrupted = h.extractOutputValues();
            uninterruptedIncidents = incidents(h);
        }
        int cut = samples.indexOf(samples.stream().filter(s -> s.node().equals("n1") && s.ts() == 340_000).findFirst()
                .orElseThrow()) + 1;
        OperatorSubtaskState snapshot;
        List<WindowPrediction> predictions = new ArrayList<>();
        List<Incident> incidents = new ArrayList<>();
        try (var h = harness(backend)) {
            h.open();
            feed(h, samples, 0, cut);
            predictions.addAll(h.extractOutputValues());
            incidents.addAll(incidents(h));
            assertThat(incidents).as("the incident is open at the snapshot").isNotEmpty()
                    .allMatch(i -> !i.closed());
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(backend)) {
            h.initializeState(snapshot);
            h.open();
            feed(h, samples, cut, samples.size());
            h.processWatermark(Long.MAX_VALUE);
            predictions.addAll(h.extractOutputValues());
            incidents.addAll(incidents(h));
        }
        assertThat(predictions).isEqualTo(uninterrupted);
        assertThat(incidents).isEqualTo(uninterruptedIncidents);
    }

    /**
     * A sequence model (a GRU over three windows) reads in the stream what {@link WindowSequences} gives it
     * offline: each window with its node's two before, kept in state across a snapshot and restore.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void aSequenceModelReadsTheNodesEarlierWindowsAsOffline(StateBackend backend) throws Exception {
        List<ScoredSample> samples = samples();
        List<WindowVector> offline = WindowSequences.sequences(offlineWindows(), 3);
        int cut = samples.size() / 2;
        OperatorSubtaskState snapshot;
        List<WindowPrediction> predictions = new ArrayList<>();
        try (var h = harness(backend, sequenceSettings)) {
            h.open();
            feed(h, samples, 0, cut);
            predictions.addAll(h.extractOutputValues());
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(backend, sequenceSettings)) {
            h.initializeState(snapshot);
            h.open();
            feed(h, samples, cut, samples.size());
            h.processWatermark(Long.MAX_VALUE);
            predictions.addAll(h.extractOutputValues());
            if (backend instanceof HashMapStateBackend) {
                assertThat(h.numKeyedStateEntries()).as("the windows' history dropped with the panes").isZero();
            }
        }
        assertThat(predictions).hasSize(offline.size());
        for (WindowVector w : offline) {
            double expected = WindowEvaluation.attackScore(sequenceModel.predict(
                    WindowDatasets.example(w, new LabelFactory().getUnknownOutput())));
            assertThat(predictions).as("sequence ending %s %d", w.node(), w.end()).anySatisfy(p -> {
                assertThat(p.node()).isEqualTo(w.node());
                assertThat(p.end()).isEqualTo(w.end());
                assertThat(p.model()).isEqualTo("gru");
                assertThat(p.probability()).isCloseTo(expected, within(1e-6));
            });
        }
    }
}
