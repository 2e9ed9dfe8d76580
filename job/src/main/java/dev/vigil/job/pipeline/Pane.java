package dev.vigil.job.pipeline;

import dev.vigil.core.window.FeatureMoments;

/** One slide of a node's samples, pre-aggregated: the feature names and their moments. */
public record Pane(String[] names, FeatureMoments moments) {
}
