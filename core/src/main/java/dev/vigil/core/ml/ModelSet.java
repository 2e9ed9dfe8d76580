package dev.vigil.core.ml;

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
public final class ModelSet {

    private final String[] names;
    private final List<Model<Label>> models;
    private final Map<List<String>, String[]> problems = new HashMap<>();

    private ModelSet(String[] names, List<Model<Label>> models) {
        this.names = names;
        this.models = models;
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

    /** Every model's verdict on {@code w}. */
    public Verdicts classify(WindowVector w) {
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
            Prediction<Label> p = models.get(m).predict(example);
            attack[m] = p.getOutput().equals(WindowDatasets.ATTACK);
            probability[m] = WindowEvaluation.attackScore(p);
        }
        return new Verdicts(attack, probability);
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
