package dev.vigil.core.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.window.SlidingWindows;
import dev.vigil.core.window.WindowSequences;
import dev.vigil.core.window.WindowVector;
import dev.vigil.core.window.Windower;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * Every classifier learns a plain signal from windows (a CPU that stops idling and forks that jump during
 * attack intervals, over noise), is judged on later windows, and survives a save and a load.
 */
class WindowClassifiersTest {

    @TempDir
    Path tmp;

    /** Two nodes, a sample every 10 s for 6 hours, an attack of 10 minutes every hour on one of them. */
    static List<WindowVector> windows(long seed) {
        Random random = new Random(seed);
        String[] names = {"cpu_sec_idle", "forks_total", "load1"};
        List<WindowVector> all = new ArrayList<>();
        for (String node : List.of("n1", "n2")) {
            List<ScoredSample> samples = new ArrayList<>();
            for (int i = 0; i < 6 * 360; i++) {
                long ts = i * 10_000L;
                boolean attack = node.equals("n1") ? i % 360 >= 200 && i % 360 < 260 : i % 360 >= 100 && i % 360 < 130;
                double[] v = {attack ? 0.1 + 0.05 * random.nextGaussian() : 0.85 + 0.05 * random.nextGaussian(),
                    (attack ? 40 : 5) + 3 * random.nextGaussian(), 1 + 0.3 * random.nextGaussian()};
                double[] z = {(v[0] - 0.85) / 0.05, (v[1] - 5) / 3, (v[2] - 1) / 0.3};
                samples.add(new ScoredSample(node, ts, names, v, z, 0, false, new String[0], new double[0],
                        attack ? 1 : 0));
            }
            all.addAll(new Windower(SlidingWindows.defaults()).windows(samples));
        }
        return all;
    }

    @Test
    void everyModelSeparatesAttackWindowsFromCalmOnes() throws Exception {
        List<WindowVector> all = windows(1);
        for (String name : WindowClassifiers.NAMES) {
            long start = System.nanoTime();
            List<WindowVector> input = WindowClassifiers.isSequence(name)
                    ? WindowSequences.sequences(all, WindowSequences.DEFAULT_STEPS) : all;
            WindowDatasets.TrainTest split = WindowDatasets.split(input, WindowDatasets.Split.TIME, 0.3, 1);
            assertThat(split.train().get(split.train().size() - 1).end())
                    .as("time split: training ends before testing starts")
                    .isLessThanOrEqualTo(split.test().get(0).end());
            Model<Label> model = WindowClassifiers.train(name, split.train(), "synthetic", 7);
            WindowEvaluation e = WindowEvaluation.of(name, model, split.test());
            System.out.printf("%s: F1 %.3f, AUC %.3f, %.1f s%n", name, e.f1(), e.aucRoc(), (System.nanoTime() - start) / 1e9);
            assertThat(e.f1()).as(name + " F1").isGreaterThan(0.8);
            assertThat(e.aucRoc()).as(name + " AUC-ROC").isGreaterThan(0.9);
            assertThat(e.truePositives() + e.falsePositives() + e.trueNegatives() + e.falseNegatives())
                    .isEqualTo(split.test().size());

            Path file = tmp.resolve(name + ".tribuo");
            WindowModels.save(model, file);
            // Loading checks a model against the window features; a sequence model against their sequence.
            List<String> names = Arrays.asList(all.get(0).names());
            Model<Label> loaded = WindowModels.load(file, names);
            WindowEvaluation reloaded = WindowEvaluation.of(name, loaded, split.test());
            assertThat(reloaded.aucRoc()).as(name + ": the saved model predicts the same").isEqualTo(e.aucRoc());
            assertThat(reloaded.f1()).isEqualTo(e.f1());
            assertThat(loaded.getProvenance().getTrainerProvenance().getClassName())
                    .as("provenance travels with the file").isNotBlank();
            if (loaded instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    @Test
    void aSequenceModelRefusesSingleWindows() {
        List<WindowVector> all = windows(3);
        assertThatThrownBy(() -> WindowClassifiers.train("lstm", all, "synthetic", 1))
                .hasMessageContaining("trains on window sequences");
    }

    @Test
    void aModelOfAnotherFeatureSetIsRefused() throws Exception {
        WindowDatasets.TrainTest split = WindowDatasets.split(windows(2), WindowDatasets.Split.RANDOM, 0.3, 1);
        Model<Label> model = WindowClassifiers.trainer("linear", 7, 5).train(
                WindowDatasets.dataset(split.train(), "synthetic", true));
        Path file = tmp.resolve("linear.tribuo");
        WindowModels.save(model, file);
        assertThatThrownBy(() -> WindowModels.load(file, List.of("mem_av_per_mean", "window_coverage")))
                .hasMessageContaining("was trained on another feature set");
        assertThatThrownBy(() -> WindowClassifiers.train("cnn", split.train(), "synthetic", 1))
                .hasMessage("unknown model 'cnn': one of [rf, linear, svm, xgboost, mlp, lstm, gru]");
    }

    @Test
    void theSvmsSampleKeepsEveryAttackWindow() {
        List<WindowVector> all = windows(4);
        long attacks = all.stream().filter(w -> w.attack() == 1).count();
        List<WindowVector> sample = WindowClassifiers.sample(all, 1_000, 3);
        assertThat(sample).hasSize(1_000).doesNotHaveDuplicates();
        assertThat(sample.stream().filter(w -> w.attack() == 1).count()).isEqualTo(Math.min(attacks, 500));
        assertThat(WindowClassifiers.sample(all, 1_000, 3)).as("seeded").isEqualTo(sample);
    }
}
