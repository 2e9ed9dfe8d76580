package dev.vigil.core.window;

import java.util.Arrays;
import java.util.Objects;

/** One node's window: its time span [start, end), its feature vector (named by {@code names}) and its label. */
public record WindowVector(String node, long start, long end, String[] names, double[] values, Integer attack) {

    @Override
    public boolean equals(Object o) {
        return o instanceof WindowVector w && start == w.start && end == w.end && node.equals(w.node)
                && Arrays.equals(names, w.names) && Arrays.equals(values, w.values) && Objects.equals(attack, w.attack);
    }

    @Override
    public int hashCode() {
        return Objects.hash(node, start, end) * 31 + Arrays.hashCode(values);
    }
}
