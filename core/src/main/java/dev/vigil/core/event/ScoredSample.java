package dev.vigil.core.event;

import java.util.Arrays;
import java.util.Objects;

/**
 * A sample after rate conversion and z-scoring: what lands in {@code node_metrics} and {@code node_scores}.
 *
 * <p>{@code values} are the Vigil values (rates for counters, gauges as read); {@code z[i]} is NaN when the
 * value is missing or the feature's baseline is still warming up. {@code maxAbsZ} is NaN when no z exists.
 * {@code topFeatures}/{@code topZ} hold the features that deviate most, largest |z| first: the explanation.
 */
public record ScoredSample(
        String node,
        long ts,
        String[] names,
        double[] values,
        double[] z,
        double maxAbsZ,
        boolean anomaly,
        String[] topFeatures,
        double[] topZ,
        Integer attack) {

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoredSample s
                && ts == s.ts
                && anomaly == s.anomaly
                && Double.compare(maxAbsZ, s.maxAbsZ) == 0
                && node.equals(s.node)
                && Arrays.equals(names, s.names)
                && Arrays.equals(values, s.values)
                && Arrays.equals(z, s.z)
                && Arrays.equals(topFeatures, s.topFeatures)
                && Arrays.equals(topZ, s.topZ)
                && Objects.equals(attack, s.attack);
    }

    @Override
    public int hashCode() {
        return Objects.hash(node, ts, Arrays.hashCode(values), Arrays.hashCode(z), anomaly);
    }

    @Override
    public String toString() {
        return "ScoredSample[node=" + node + ", ts=" + ts + ", maxAbsZ=" + maxAbsZ + ", anomaly=" + anomaly
                + ", top=" + Arrays.toString(topFeatures) + ']';
    }
}
