package dev.vigil.core.flow;

import java.util.Arrays;
import java.util.Objects;

/**
 * One pod's flow window: the {@link FlowFeatures} of its flows and events over [start, end), on the node's
 * panes, with the label of its labelled events. Namespace and pod are empty for a node's events that name no
 * pod.
 */
public record PodWindow(String node, String namespace, String pod, long start, long end, double[] values,
        Integer attack) {

    public PodWindow {
        if (values.length != FlowFeatures.NAMES.size()) {
            throw new IllegalArgumentException("a pod window has " + FlowFeatures.NAMES.size() + " features, got "
                    + values.length);
        }
    }

    /** The value of flow feature {@code name}. */
    public double value(String name) {
        int i = FlowFeatures.NAMES.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no flow feature " + name);
        }
        return values[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PodWindow w && start == w.start && end == w.end && node.equals(w.node)
                && namespace.equals(w.namespace) && pod.equals(w.pod) && Arrays.equals(values, w.values)
                && Objects.equals(attack, w.attack);
    }

    @Override
    public int hashCode() {
        return Objects.hash(node, namespace, pod, end);
    }
}
