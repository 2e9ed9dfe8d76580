package dev.vigil.core.ml;

import dev.vigil.core.window.WindowSequences;
import dev.vigil.core.window.WindowVector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongConsumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.libsvm.LibSVMClassificationTrainer;
import org.tribuo.classification.libsvm.SVMClassificationType;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.interop.tensorflow.DenseFeatureConverter;
import org.tribuo.interop.tensorflow.GradientOptimiser;
import org.tribuo.interop.tensorflow.LabelConverter;
import org.tribuo.interop.tensorflow.TensorFlowTrainer;
import org.tribuo.interop.tensorflow.example.GraphDefTuple;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.BinningTransformation;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

/** The window classifiers Vigil trains, by name, with their default hyperparameters. */
public final class WindowClassifiers {

    /** Names accepted by {@link #train}. */
    public static final List<String> NAMES = List.of("rf", "linear", "svm", "xgboost", "mlp", "lstm", "gru");

    /** Rows of one training step of the neural models. */
    static final int BATCH = 64;
    /** Passes over the training windows of the neural models. */
    static final int EPOCHS = 8;
    /**
     * Most training windows the SVM sees: LibSVM's training time grows with the square of the examples (5,000
     * windows take about a minute here), so beyond this all attack windows are kept and normal ones sampled.
     */
    static final int SVM_MAX_WINDOWS = 8_000;
    /** Hidden units of the LSTM and GRU. */
    static final int RECURRENT_UNITS = 32;

    private WindowClassifiers() {
    }

    /** Whether {@code name}'s trainer needs its attack windows repeated for balance (it ignores weights). */
    public static boolean needsRepeatedAttacks(String name) {
        return name.equals("rf") || name.equals("xgboost") || isNeural(name);
    }

    /** Whether {@code name} reads a node's last windows ({@link WindowSequences}) rather than one window. */
    public static boolean isSequence(String name) {
        return name.equals("lstm") || name.equals("gru");
    }

    private static boolean isNeural(String name) {
        return name.equals("mlp") || isSequence(name);
    }

    /**
     * {@code name} trained on labelled {@code windows}: single windows, or for the sequence models the
     * {@link WindowSequences} of them. Class balance as {@link #trainer} says; the neural models see the
     * attack windows repeated, in one seeded shuffle.
     */
    public static Model<Label> train(String name, List<WindowVector> windows, String description, long seed) {
        return train(name, windows, description, seed, done -> { });
    }

    /** The units of work {@link #train} reports for {@code name} on {@code windows}: batches, or 1. */
    public static long work(String name, List<WindowVector> windows) {
        if (!isNeural(name)) {
            return 1;
        }
        long rows = WindowDatasets.balanced(windows).size();
        return EPOCHS * ((rows + BATCH - 1) / BATCH);
    }

    /** As {@link #train(String, List, String, long)}, telling {@code progress} of each unit of {@link #work} done. */
    public static Model<Label> train(String name, List<WindowVector> windows, String description, long seed,
            LongConsumer progress) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown model '" + name + "': one of " + NAMES);
        }
        long attacks = windows.stream().filter(w -> w.attack() == 1).count();
        if (attacks == 0 || attacks == windows.size()) {
            throw new IllegalArgumentException("training windows must hold attacks and normal windows");
        }
        if (isNeural(name)) {
            return neural(name, windows, description, seed, progress);
        }
        if (name.equals("svm") && windows.size() > SVM_MAX_WINDOWS) {
            windows = sample(windows, SVM_MAX_WINDOWS, seed);
            attacks = windows.stream().filter(w -> w.attack() == 1).count();
        }
        List<WindowVector> train = needsRepeatedAttacks(name) ? WindowDatasets.balanced(windows) : windows;
        double attackWeight = (double) (windows.size() - attacks) / attacks;
        Model<Label> model = trainer(name, seed, attackWeight).train(WindowDatasets.dataset(train, description, true));
        progress.accept(1);
        return model;
    }

    /** At most {@code max} of {@code windows}: every attack window (up to half) and a seeded sample of the rest. */
    static List<WindowVector> sample(List<WindowVector> windows, int max, long seed) {
        List<WindowVector> attacks = new ArrayList<>(windows.stream().filter(w -> w.attack() == 1).toList());
        List<WindowVector> normals = new ArrayList<>(windows.stream().filter(w -> w.attack() != 1).toList());
        Random random = new Random(seed);
        Collections.shuffle(attacks, random);
        Collections.shuffle(normals, random);
        List<WindowVector> out = new ArrayList<>(attacks.subList(0, Math.min(attacks.size(), max / 2)));
        out.addAll(normals.subList(0, Math.min(normals.size(), max - out.size())));
        return out;
    }

    /**
     * A TensorFlow network (Adam, learning rate 0.001, {@value #EPOCHS} epochs of batches of {@value #BATCH}) on
     * standardised features: {@code mlp} two ReLU layers of 64 and 32 units; {@code lstm} and {@code gru}
     * {@value #RECURRENT_UNITS} units over the steps of a sequence. Tribuo feeds the training rows in their
     * order every epoch, so they are shuffled once here; TensorFlow's training is not bit-reproducible.
     */
    private static Model<Label> neural(String name, List<WindowVector> windows, String description, long seed,
            LongConsumer progress) {
        int steps = isSequence(name) ? WindowSequences.steps(List.of(windows.get(0).names())) : 1;
        if (steps < 1 || (isSequence(name) && steps < 2)) {
            throw new IllegalArgumentException(name + " trains on window sequences (WindowSequences), got single windows");
        }
        List<WindowVector> rows = new ArrayList<>(WindowDatasets.balanced(windows));
        Collections.shuffle(rows, new Random(seed));
        // Tribuo's target placeholder has a fixed batch size: fill the last batch from the start.
        for (int i = 0, missing = (BATCH - rows.size() % BATCH) % BATCH; i < missing; i++) {
            rows.add(rows.get(i));
        }
        MutableDataset<Label> data = WindowDatasets.dataset(rows, description, false, steps);
        int width = data.getFeatureMap().size();
        GraphDefTuple graph = switch (name) {
            case "mlp" -> NeuralGraphs.mlp(width);
            case "lstm" -> NeuralGraphs.lstm(steps, width / steps, RECURRENT_UNITS, seed);
            default -> NeuralGraphs.gru(steps, width / steps, RECURRENT_UNITS, seed);
        };
        TensorFlowTrainer<Label> network = new TensorFlowTrainer<>(graph.graphDef, graph.outputName,
                GradientOptimiser.ADAM, Map.of("learningRate", 0.001f, "betaOne", 0.9f, "betaTwo", 0.999f,
                        "epsilon", 1e-7f),
                new DenseFeatureConverter(NeuralGraphs.INPUT), new LabelConverter(), BATCH, EPOCHS, BATCH, 1);
        // The trainer logs its loss after every batch: counted as progress instead of printed.
        Logger log = Logger.getLogger(TensorFlowTrainer.class.getName());
        Level level = log.getLevel();
        boolean parents = log.getUseParentHandlers();
        Handler batches = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getMessage() != null && r.getMessage().startsWith("Training loss")) {
                    progress.accept(1);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.setLevel(Level.INFO);
        log.setUseParentHandlers(false);
        log.addHandler(batches);
        try {
            return new TransformTrainer<>(network, standardised()).train(data);
        } finally {
            log.removeHandler(batches);
            log.setUseParentHandlers(parents);
            log.setLevel(level);
        }
    }

    private static TransformationMap standardised() {
        return new TransformationMap(List.of(new MeanStdDevTransformation()));
    }

    /**
     * A trainer: {@code rf} is a random forest of 30 CART trees of depth 10, each split looking at a third of
     * the features, on features quantised into 32 equal-frequency bins (CART on raw doubles was an order of
     * magnitude slower at equal accuracy); {@code linear} logistic regression by SGD (AdaGrad) on
     * standardised features; {@code svm} a C-SVC with an RBF kernel and probability estimates (LibSVM) on
     * standardised features, trained by {@link #train} on at most {@value #SVM_MAX_WINDOWS} windows; {@code xgboost} 100 gradient-boosted trees of depth 6 (learning rate 0.3, one
     * thread: XGBoost's own threads would compete with Flink's task threads). Class balance: the forest's
     * and the boosted trees' training sets repeat attack windows
     * ({@link WindowDatasets#balanced}), logistic regression weighs examples, the SVM weighs classes by
     * {@code attackWeight}.
     */
    public static Trainer<Label> trainer(String name, long seed, double attackWeight) {
        return switch (name) {
            case "rf" -> new TransformTrainer<>(new RandomForestTrainer<>(new CARTClassificationTrainer(10, 0.33f, seed),
                    new FullyWeightedVotingCombiner(), 30, seed), new TransformationMap(List.of(BinningTransformation.equalFrequency(32))));
            case "linear" -> new TransformTrainer<>(new LogisticRegressionTrainer(), standardised());
            case "svm" -> {
                SVMParameters<Label> parameters = new SVMParameters<>(new SVMClassificationType(
                        SVMClassificationType.SVMMode.C_SVC), KernelType.RBF);
                parameters.setProbability();
                libsvm.svm.svm_set_print_string_function(message -> { }); // LibSVM prints its progress to stdout
                LibSVMClassificationTrainer svm = new LibSVMClassificationTrainer(parameters, seed);
                svm.setLabelWeights(java.util.Map.of(WindowDatasets.ATTACK, (float) attackWeight,
                        WindowDatasets.NORMAL, 1f));
                yield new TransformTrainer<>(svm, standardised());
            }
            case "xgboost" -> new XGBoostClassificationTrainer(100, 0.3, 0, 6, 1, 1, 1, 1, 0, 1, true, seed);
            default -> throw new IllegalArgumentException("unknown model '" + name + "': one of " + NAMES
                    + (isNeural(name) ? " (" + name + " is trained by WindowClassifiers.train)" : ""));
        };
    }
}
