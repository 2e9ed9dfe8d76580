package dev.vigil.core.ml;

import java.util.List;
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
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.BinningTransformation;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

/** The window classifiers Vigil trains, by name, with their default hyperparameters. */
public final class WindowClassifiers {

    /** Names accepted by {@link #trainer}. */
    public static final List<String> NAMES = List.of("rf", "linear", "svm", "xgboost");

    private WindowClassifiers() {
    }

    /** Whether {@code name}'s trainer needs its attack windows repeated for balance (it ignores weights). */
    public static boolean needsRepeatedAttacks(String name) {
        return name.equals("rf") || name.equals("xgboost");
    }

    private static TransformationMap standardised() {
        return new TransformationMap(List.of(new MeanStdDevTransformation()));
    }

    /**
     * A trainer: {@code rf} is a random forest of 30 CART trees of depth 10, each split looking at a third of
     * the features, on features quantised into 32 equal-frequency bins (CART on raw doubles was an order of
     * magnitude slower at equal accuracy); {@code linear} logistic regression by SGD (AdaGrad) on
     * standardised features; {@code svm} a C-SVC with an RBF kernel and probability estimates (LibSVM) on
     * standardised features; {@code xgboost} 100 gradient-boosted trees of depth 6 (learning rate 0.3, one
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
                LibSVMClassificationTrainer svm = new LibSVMClassificationTrainer(parameters, seed);
                svm.setLabelWeights(java.util.Map.of(WindowDatasets.ATTACK, (float) attackWeight,
                        WindowDatasets.NORMAL, 1f));
                yield new TransformTrainer<>(svm, standardised());
            }
            case "xgboost" -> new XGBoostClassificationTrainer(100, 0.3, 0, 6, 1, 1, 1, 1, 0, 1, true, seed);
            default -> throw new IllegalArgumentException("unknown model '" + name + "': one of " + NAMES);
        };
    }
}
