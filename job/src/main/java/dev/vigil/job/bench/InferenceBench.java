package dev.vigil.job.bench;

import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.ml.ModelSet;
import dev.vigil.core.ml.WindowClassifiers;
import dev.vigil.core.ml.WindowDatasets;
import dev.vigil.core.scoring.NodeScorer;
import dev.vigil.core.scoring.NodeState;
import dev.vigil.core.window.SlidingWindows;
import dev.vigil.core.window.WindowSequences;
import dev.vigil.core.window.WindowVector;
import dev.vigil.core.window.Windower;
import dev.vigil.job.JobSettings;
import dev.vigil.sources.simulator.ClusterSimulator;
import dev.vigil.sources.simulator.SimulatorSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * (f) What one window costs each model in the stream: every model kind is trained on the earlier 70 % of a
 * small simulated cluster's windows, then asked for its verdict on the later windows one at a time, exactly
 * as the window function asks ({@link ModelSet#classify} with the node's earlier windows, which builds the
 * example and, for LSTM and GRU, the sequence).
 */
public final class InferenceBench {

    /** One model's figures: median microseconds per window over the runs, and windows per second. */
    public record Row(String model, double microsPerWindow, int windows) {
    }

    private InferenceBench() {
    }

    public static List<Row> run(int runs) throws Exception {
        List<WindowVector> windows = windows();
        WindowDatasets.TrainTest split = WindowDatasets.split(windows, WindowDatasets.Split.TIME, 0.3, 1);
        List<WindowVector> test = split.test();
        List<Row> rows = new ArrayList<>();
        for (String name : WindowClassifiers.NAMES) {
            List<WindowVector> train = WindowClassifiers.isSequence(name)
                    ? WindowDatasets.split(WindowSequences.sequences(windows, WindowSequences.DEFAULT_STEPS),
                            WindowDatasets.Split.TIME, 0.3, 1).train()
                    : split.train();
            Model<Label> model = WindowClassifiers.train(name, train, "bench", 1);
            try (ModelSet set = ModelSet.of(Map.of(name, model))) {
                pass(set, test); // warm-up
                double[] micros = new double[runs];
                for (int r = 0; r < runs; r++) {
                    micros[r] = pass(set, test);
                }
                java.util.Arrays.sort(micros);
                double median = runs % 2 == 1 ? micros[runs / 2] : (micros[runs / 2 - 1] + micros[runs / 2]) / 2;
                rows.add(new Row(name, median, test.size()));
                System.out.printf("  (f) %s: %.1f us per window%n", name, median);
            }
        }
        return rows;
    }

    /** Microseconds per window of one pass over {@code test}, each window with its node's earlier ones. */
    private static double pass(ModelSet set, List<WindowVector> test) {
        Map<String, List<WindowVector>> earlier = new HashMap<>();
        int keep = set.history() - 1;
        double sink = 0;
        long start = System.nanoTime();
        for (WindowVector w : test) {
            List<WindowVector> before = earlier.computeIfAbsent(w.node(), n -> new ArrayList<>());
            sink += set.classify(w, before).probability()[0];
            if (keep > 0) {
                before.add(w);
                if (before.size() > keep) {
                    before.remove(0);
                }
            }
        }
        double micros = (System.nanoTime() - start) / 1e3 / test.size();
        if (Double.isNaN(sink)) {
            throw new IllegalStateException("benchmark invalid: a model could not classify the windows");
        }
        return micros;
    }

    /** Labelled windows of 4 simulated nodes over 4 hours (4 attack episodes), z-scored as in the job. */
    private static List<WindowVector> windows() {
        SimulatorSettings settings = SimulatorSettings.defaults().withNodes(4).withSpan(Duration.ofHours(4))
                .withEpisodes(4);
        ClusterSimulator simulator = new ClusterSimulator(settings);
        NodeScorer scorer = new NodeScorer(JobSettings.from(new Configuration()).scoring());
        Map<String, NodeState> states = new HashMap<>();
        List<ScoredSample> scores = new ArrayList<>();
        for (long i = 0; i < settings.totalSamples(); i++) {
            var sample = simulator.sample(i);
            NodeScorer.Step step = scorer.score(states.get(sample.node()), sample);
            states.put(sample.node(), step.state());
            scores.add(step.scored());
        }
        return new Windower(SlidingWindows.defaults()).everyNode(scores);
    }
}
