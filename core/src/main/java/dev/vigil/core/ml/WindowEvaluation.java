package dev.vigil.core.ml;

import dev.vigil.core.window.WindowVector;
import java.util.List;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluationUtil;

/**
 * A model's figures on test windows, with "attack" as the positive class: accuracy, precision, recall, F1,
 * the area under the ROC curve from the predicted attack probability (not from hard labels), the confusion
 * counts and the ROC curve itself.
 */
public record WindowEvaluation(String model, int windows, long truePositives, long falsePositives,
        long trueNegatives, long falseNegatives, double aucRoc, double[] fpr, double[] tpr) {

    /** Evaluates {@code model} on labelled {@code test} windows. */
    public static WindowEvaluation of(String name, Model<Label> model, List<WindowVector> test) {
        return of(name, test, w -> {
            Prediction<Label> p = model.predict(WindowDatasets.example(w, WindowDatasets.FACTORY.getUnknownOutput()));
            return new Verdict(p.getOutput().equals(WindowDatasets.ATTACK), attackScore(p));
        });
    }

    /**
     * The z-score as a window classifier, the baseline every model is compared with: a window is called an
     * attack when at least {@code zFraction} of its samples were z-score anomalies (the incident rule), and
     * its score for the ROC curve is the largest |z| of any feature in it.
     */
    public static WindowEvaluation zScore(List<WindowVector> test, double zFraction) {
        return of("zscore", test, w -> {
            double maxAbsZ = 0;
            double flagged = Double.NaN;
            for (int i = 0; i < w.names().length; i++) {
                String name = w.names()[i];
                if (name.endsWith("_zmaxabs") && !Double.isNaN(w.values()[i])) {
                    maxAbsZ = Math.max(maxAbsZ, w.values()[i]);
                } else if (name.equals("window_flagged")) {
                    flagged = w.values()[i];
                }
            }
            return new Verdict(flagged >= zFraction, maxAbsZ);
        });
    }

    private record Verdict(boolean attack, double score) {
    }

    private static WindowEvaluation of(String name, List<WindowVector> test,
            java.util.function.Function<WindowVector, Verdict> classify) {
        if (test.isEmpty()) {
            throw new IllegalArgumentException("no test windows");
        }
        boolean[] positive = new boolean[test.size()];
        double[] score = new double[test.size()];
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < test.size(); i++) {
            WindowVector w = test.get(i);
            Verdict v = classify.apply(w);
            positive[i] = w.attack() == 1;
            score[i] = v.score();
            boolean said = v.attack();
            if (said && positive[i]) {
                tp++;
            } else if (said) {
                fp++;
            } else if (positive[i]) {
                fn++;
            } else {
                tn++;
            }
        }
        boolean both = tp + fn > 0 && tn + fp > 0;
        double auc = both ? LabelEvaluationUtil.binaryAUCROC(positive, score) : Double.NaN;
        LabelEvaluationUtil.ROC roc = both ? LabelEvaluationUtil.generateROCCurve(positive, score) : null;
        return new WindowEvaluation(name, test.size(), tp, fp, tn, fn, auc, roc == null ? new double[0] : roc.fpr,
                roc == null ? new double[0] : roc.tpr);
    }

    /** The predicted probability of attack, or 1/0 from the label for a model without probabilities. */
    public static double attackScore(Prediction<Label> p) {
        if (p.hasProbabilities()) {
            Label attack = p.getOutputScores().get(WindowDatasets.ATTACK.getLabel());
            return attack == null ? 0 : attack.getScore();
        }
        return p.getOutput().equals(WindowDatasets.ATTACK) ? 1 : 0;
    }

    public double accuracy() {
        return (double) (truePositives + trueNegatives) / windows;
    }

    public double precision() {
        return truePositives + falsePositives == 0 ? 0 : (double) truePositives / (truePositives + falsePositives);
    }

    public double recall() {
        return truePositives + falseNegatives == 0 ? 0 : (double) truePositives / (truePositives + falseNegatives);
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
