package dev.vigil.core.alerts;

import java.util.Arrays;
import java.util.Objects;

/**
 * A stretch of time in which a node's windows kept being flagged, by the z-score or by a model: opened at
 * the end of its first flagged window, last seen at the end of its latest, closed once a quiet period
 * passed without a flag. The evidence: how many windows were flagged, how many of those by the z-score,
 * the largest |z| of each base feature over them, and per model the windows it flagged and its highest
 * probability of attack. {@code label} is 1 when any window of the incident was labelled an attack, 0
 * when all labelled ones were normal, null when none was labelled.
 */
public record Incident(String node, long openedAt, long lastSeen, boolean closed, int windows, int zWindows,
        String[] features, double[] maxAbsZ, String[] models, int[] modelWindows, double[] modelMaxProbability,
        Integer label) {

    /** The largest |z| over the incident, NaN when no feature had a z. */
    public double maxAbsZOverall() {
        double max = Double.NaN;
        for (double z : maxAbsZ) {
            if (!Double.isNaN(z)) {
                max = Double.isNaN(max) ? z : Math.max(max, z);
            }
        }
        return max;
    }

    /** The indexes of the {@code k} features with the largest |z|, largest first. */
    public int[] topFeatures(int k) {
        return java.util.stream.IntStream.range(0, features.length).filter(i -> !Double.isNaN(maxAbsZ[i]))
                .boxed().sorted((a, b) -> Double.compare(maxAbsZ[b], maxAbsZ[a])).limit(k)
                .mapToInt(Integer::intValue).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Incident i && openedAt == i.openedAt && lastSeen == i.lastSeen && closed == i.closed
                && windows == i.windows && zWindows == i.zWindows && node.equals(i.node)
                && Arrays.equals(features, i.features) && Arrays.equals(maxAbsZ, i.maxAbsZ)
                && Arrays.equals(models, i.models) && Arrays.equals(modelWindows, i.modelWindows)
                && Arrays.equals(modelMaxProbability, i.modelMaxProbability) && Objects.equals(label, i.label);
    }

    @Override
    public int hashCode() {
        return Objects.hash(node, openedAt, lastSeen, closed, windows);
    }
}
