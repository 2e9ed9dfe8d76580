package dev.vigil.core.flow;

import dev.vigil.core.window.WindowVector;
import java.util.Collection;
import java.util.Locale;

/** Which features a window's vector holds: node metrics, flows and events, or both joined. */
public enum FeatureSet {
    METRICS, FLOWS, FUSED;

    /** The vector of a window whose metric vector is {@code metrics} and whose flow panes are {@code panes}. */
    public WindowVector vector(WindowVector metrics, Collection<FlowPane> panes) {
        return switch (this) {
            case METRICS -> metrics;
            case FUSED -> FlowFeatures.fuse(metrics, panes);
            case FLOWS -> new WindowVector(metrics.node(), metrics.start(), metrics.end(), FlowFeatures.names(),
                    FlowFeatures.extract(panes), FlowFeatures.combine(metrics.attack(), FlowFeatures.label(panes)));
        };
    }

    /** The set named {@code name} (any case). */
    public static FeatureSet of(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("feature set must be metrics, flows or fused, got '" + name + "'");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
