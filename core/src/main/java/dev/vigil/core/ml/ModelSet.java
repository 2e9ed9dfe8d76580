package dev.vigil.core.ml;

import dev.vigil.core.window.WindowSequences;
import dev.vigil.core.window.WindowVector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;

/**
 * The window classifiers a job serves, by name: loaded once, checked against each feature list they meet
 * (a model that needs a feature the windows lack would read it as zero and say nonsense, so it is left out
 * of those windows instead), and asked for their verdict and probability of attack on every window.
 * Tribuo models are thread-safe for prediction.
 */
public final class ModelSet implements AutoCloseable {

    private final String[] names;
    private final List<Model<Label>> models;
    /** Per model: windows it reads at once (0: one window, not a sequence). */
    private final int[] steps;
    private final Map<List<String>, String[]> problems = new HashMap<>();
    private final Map<Integer, Map<List<String>, String[]>> sequenceNames = new HashMap<>();

    private ModelSet(String[] names, List<Model<Label>> models) {
        this.names = names;
        this.models = models;
        this.steps = models.stream().mapToInt(WindowModels::steps).toArray();
    }

    /** The models in {@code files} (name to model file), in that order. */
    public static ModelSet load(Map<String, Path> files) throws IOException {
        List<Model<Label>> models = new ArrayList<>();
        for (Path file : files.values()) {
            models.add(WindowModels.load(file));
        }
        return new ModelSet(files.keySet().toArray(String[]::new), models);
    }

    /** Models already in memory (tests, or a model just trained). */
    public static ModelSet of(Map<String, Model<Label>> models) {
        Map<String, Model<Label>> ordered = new LinkedHashMap<>(models);
        return new ModelSet(ordered.keySet().toArray(String[]::new), List.copyOf(ordered.values()));
    }

    public static ModelSet none() {
        return new ModelSet(new String[0], List.of());
    }

    public String[] names() {
        return names.clone();
    }

    public int size() {
        return names.length;
    }

    /** One verdict per model: says attack, probability of attack (NaN: the model cannot read these windows). */
    public record Verdicts(boolean[] attack, double[] probability) {
    }

    private static final Verdicts NO_VERDICTS = new Verdicts(new boolean[0], new double[0]);

    /** The most windows any model reads at once: the current one and {@code history() - 1} earlier ones. */
    public int history() {
        int most = 1;
        for (int s : steps) {
            most = Math.max(most, s);
        }
        return most;
    }

    /** Every model's verdict on {@code w}, with no earlier windows. */
    public Verdicts classify(WindowVector w) {
        return classify(w, List.of());
    }

    /**
     * Every model's verdict on {@code w}; sequence models also read the node's {@code earlier} windows
     * (oldest first; those of another feature list are skipped).
     */
    public Verdicts classify(WindowVector w, List<WindowVector> earlier) {
        if (names.length == 0) {
            return NO_VERDICTS;
        }
        String[] unusable = problems(w.names());
        boolean[] attack = new boolean[names.length];
        double[] probability = new double[names.length];
        var example = WindowDatasets.example(w, WindowDatasets.FACTORY.getUnknownOutput());
        for (int m = 0; m < names.length; m++) {
            if (unusable[m] != null) {
                probability[m] = Double.NaN;
                continue;
            }
            var input = steps[m] == 0 ? example
                    : WindowDatasets.example(sequence(w, earlier, steps[m]), WindowDatasets.FACTORY.getUnknownOutput());
            Prediction<Label> p = models.get(m).predict(input);
            attack[m] = p.getOutput().equals(WindowDatasets.ATTACK);
            probability[m] = WindowEvaluation.attackScore(p);
        }
        return new Verdicts(attack, probability);
    }

    private WindowVector sequence(WindowVector w, List<WindowVector> earlier, int steps) {
        List<WindowVector> windows = new ArrayList<>(steps);
        for (int i = Math.max(0, earlier.size() - steps + 1); i < earlier.size(); i++) {
            WindowVector e = earlier.get(i);
            if (e.names() == w.names() || Arrays.equals(e.names(), w.names())) {
                windows.add(e);
            }
        }
        windows.add(w);
        String[] seqNames = sequenceNames.computeIfAbsent(steps, k -> new HashMap<>())
                .computeIfAbsent(Arrays.asList(w.names()), k -> WindowSequences.names(w.names(), steps));
        return WindowSequences.of(windows, steps, seqNames);
    }

    /** Closes the models that hold native resources (TensorFlow). */
    @Override
    public void close() throws Exception {
        for (Model<Label> model : models) {
            WindowModels.close(model);
        }
    }

    /**
     * Why a model cannot classify windows with the feature names {@code windowNames}, per model (null: it
     * can). Computed once per feature list.
     */
    public String[] problems(String[] windowNames) {
        return problems.computeIfAbsent(Arrays.asList(windowNames), names -> {
            String[] out = new String[this.names.length];
            for (int m = 0; m < out.length; m++) {
                out[m] = WindowModels.problem(models.get(m), names).orElse(null);
            }
            return out;
        });
    }

    /** The first problem of any model with {@code windowNames}, for a log line. */
    public Optional<String> firstProblem(String[] windowNames) {
        String[] p = problems(windowNames);
        for (int m = 0; m < p.length; m++) {
            if (p[m] != null) {
                return Optional.of("model " + names[m] + ": " + p[m]);
            }
        }
        return Optional.empty();
    }
}
