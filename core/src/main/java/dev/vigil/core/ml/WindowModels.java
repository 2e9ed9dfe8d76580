package dev.vigil.core.ml;

import dev.vigil.core.window.WindowSequences;
import dev.vigil.core.window.WindowVector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tribuo.Model;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;

/**
 * Saving and loading window classifiers as Tribuo model files (protobuf, with their provenance: data,
 * trainer, parameters, Tribuo version). Loading checks that the model is a classifier of windows of the
 * feature set it will be given, and refuses it with the reason otherwise.
 */
public final class WindowModels {

    private WindowModels() {
    }

    public static void save(Model<Label> model, Path file) throws IOException {
        model.serializeToFile(file);
    }

    /** The classifier in {@code file}, checked against the window feature names it will be fed. */
    public static Model<Label> load(Path file, List<String> windowFeatures) throws IOException {
        Model<Label> model = load(file);
        Optional<String> problem = problem(model, windowFeatures);
        if (problem.isPresent()) {
            throw new IOException(file + " " + problem.get());
        }
        return model;
    }

    /** The window classifier in {@code file}, not yet checked against a feature set. */
    @SuppressWarnings("unchecked")
    public static Model<Label> load(Path file) throws IOException {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IOException("no model file at " + file + " (vigil train writes <model>.tribuo into its --out folder)");
        }
        Model<?> model;
        try {
            model = Model.deserializeFromFile(file);
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a Tribuo model file: " + e.getMessage(), e);
        }
        if (!model.validate(Label.class)) {
            throw new IOException(file + " is not a classifier (its outputs are not labels)");
        }
        if (!model.getOutputIDInfo().getDomain().contains(WindowDatasets.ATTACK)) {
            throw new IOException(file + " does not predict the label 'attack'");
        }
        return (Model<Label>) model;
    }

    /**
     * {@code windows} as {@code model} reads them: unchanged, or for a sequence model each window with its
     * node's earlier ones ({@link WindowSequences#sequences}), in the same order.
     */
    public static List<WindowVector> asRead(Model<Label> model, List<WindowVector> windows) {
        int steps = steps(model);
        return steps > 0 ? WindowSequences.sequences(windows, steps) : windows;
    }

    /** Releases what a model holds outside the Java heap (a TensorFlow session), if anything. */
    public static void close(Model<Label> model) throws Exception {
        Model<?> inner = model instanceof org.tribuo.transform.TransformedModel<?> t ? t.getInnerModel() : model;
        if (inner instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /** The number of windows a sequence model reads at once, or 0 for a model of single windows. */
    public static int steps(Model<Label> model) {
        List<String> names = new ArrayList<>();
        model.getFeatureIDMap().forEach(info -> names.add(info.getName()));
        return WindowSequences.steps(names);
    }

    /**
     * Why {@code model} cannot classify windows of {@code windowFeatures}, if it cannot. A sequence model is
     * checked against the sequence of such windows it reads.
     */
    public static Optional<String> problem(Model<Label> model, List<String> windowFeatures) {
        int steps = steps(model);
        Set<String> known = Set.of(steps > 0
                ? WindowSequences.names(windowFeatures.toArray(String[]::new), steps) : windowFeatures.toArray(String[]::new));
        List<String> unknown = new ArrayList<>();
        for (VariableInfo info : model.getFeatureIDMap()) {
            if (!known.contains(info.getName())) {
                unknown.add(info.getName());
            }
        }
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("was trained on another feature set: " + unknown.size()
                + " of its features are not window features here, e.g. " + unknown.subList(0, Math.min(3, unknown.size())));
    }
}
