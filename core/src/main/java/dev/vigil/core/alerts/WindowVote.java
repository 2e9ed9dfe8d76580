package dev.vigil.core.alerts;

/**
 * What one window says about its node, as incidents need it: the window's end, the fraction of its samples
 * the z-score flagged, the largest |z| per base feature (NaN: none), each model's verdict and probability
 * of attack, and the window's true label (null when unlabelled).
 */
public record WindowVote(long end, double flaggedFraction, String[] features, double[] maxAbsZ, String[] models,
        boolean[] modelSays, double[] probabilities, Integer label) {
}
