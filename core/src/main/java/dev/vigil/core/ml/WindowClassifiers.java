package dev.vigil.core.ml;

import java.util.List;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.classification.libsvm.LibSVMClassificationTrainer;
import org.tribuo.classification.libsvm.SVMClassificationType;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;
import org.tribuo.common.tree.RandomForestTrainer;

/** The window classifiers Vigil trains, by name, with their default hyperparameters. */
public final class WindowClassifiers {

    /** Names accepted by {@link #trainer}. */
    public static final List<String> NAMES = List.of("rf", "linear", "svm");

    private WindowClassifiers() {
    }

    /**
     * A trainer: {@code rf} is a random forest of 50 CART trees of depth 12, each split looking at a third of
     * the features; {@code linear} logistic regression by SGD (AdaGrad, 10 epochs); {@code svm} a C-SVC with
     * an RBF kernel and probability estimates (LibSVM). Class balance comes from example weights (tree,
     * linear) or class weights (SVM).
     */
    public static Trainer<Label> trainer(String name, long seed, double attackWeight) {
        return switch (name) {
            case "rf" -> new RandomForestTrainer<>(new CARTClassificationTrainer(12, 0.33f, seed), new VotingCombiner(),
                    50, seed);
            case "linear" -> new LogisticRegressionTrainer();
            case "svm" -> {
                SVMParameters<Label> parameters = new SVMParameters<>(new SVMClassificationType(
                        SVMClassificationType.SVMMode.C_SVC), KernelType.RBF);
                parameters.setProbability();
                LibSVMClassificationTrainer svm = new LibSVMClassificationTrainer(parameters, seed);
                svm.setLabelWeights(java.util.Map.of(WindowDatasets.ATTACK, (float) attackWeight,
                        WindowDatasets.NORMAL, 1f));
                yield svm;
            }
            default -> throw new IllegalArgumentException("unknown model '" + name + "': one of " + NAMES);
        };
    }
}
