package dev.vigil.core.window;

/**
 * One model's verdict on one node's window [start, end): whether it says attack, its probability of attack,
 * and the window's true label when the input was labelled (null otherwise).
 */
public record WindowPrediction(String node, long start, long end, String model, boolean attack, double probability,
        Integer label) {
}
