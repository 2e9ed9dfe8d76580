package dev.vigil.core.event;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One sample of one node: named numeric features at an event time, with an optional attack label.
 *
 * <p>Features are named, not slots: {@code names[i]} is the name of {@code values[i]}. A missing value is
 * {@link Double#NaN}; parsers reject a literal NaN or infinity in the input, so NaN here always means
 * "not measured" and scoring skips it. {@code attack} is null when the input carries no label.
 * {@code source} and {@code location} say where the record came from (for example a file and a line),
 * so that a record rejected later can still be traced.
 */
public record MetricSample(
        String node,
        long ts,
        String[] names,
        double[] values,
        Integer attack,
        String source,
        String location) {

    public MetricSample {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(values, "values");
        if (names.length != values.length) {
            throw new IllegalArgumentException(
                    "names and values differ in length: " + names.length + " != " + values.length);
        }
    }

    /** The number of named features, missing ones included. */
    public int size() {
        return names.length;
    }

    /** Whether feature {@code i} has no value. */
    public boolean isMissing(int i) {
        return Double.isNaN(values[i]);
    }

    /** The value of the named feature, empty when it is absent or missing. */
    public OptionalDouble value(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return isMissing(i) ? OptionalDouble.empty() : OptionalDouble.of(values[i]);
            }
        }
        return OptionalDouble.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricSample s
                && ts == s.ts
                && node.equals(s.node)
                && Arrays.equals(names, s.names)
                && Arrays.equals(values, s.values)
                && Objects.equals(attack, s.attack)
                && Objects.equals(source, s.source)
                && Objects.equals(location, s.location);
    }

    @Override
    public int hashCode() {
        return Objects.hash(node, ts, Arrays.hashCode(names), Arrays.hashCode(values), attack, source, location);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("MetricSample[node=").append(node).append(", ts=").append(ts);
        for (int i = 0; i < names.length; i++) {
            b.append(", ").append(names[i]).append('=').append(values[i]);
        }
        return b.append(", attack=").append(attack).append(']').toString();
    }
}
