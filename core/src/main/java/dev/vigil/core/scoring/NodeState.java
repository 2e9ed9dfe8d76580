package dev.vigil.core.scoring;

import dev.vigil.core.stats.RunningStats;
import java.util.Arrays;

/**
 * Everything Vigil remembers about one node between samples: the feature names the arrays follow, the
 * previous sample's time and raw values (for rates) and the running statistics of the Vigil values
 * (for z-scores). It is the keyed-state value of the streaming job and the per-node map value of replay.
 */
public record NodeState(String[] names, long lastTs, double[] lastRaw, RunningStats stats) {

    /** State before a node's first sample. */
    public static NodeState initial(String[] names) {
        return new NodeState(names, Long.MIN_VALUE, null, RunningStats.empty(names.length));
    }

    public boolean hasPrevious() {
        return lastRaw != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeState s
                && lastTs == s.lastTs
                && Arrays.equals(names, s.names)
                && Arrays.equals(lastRaw, s.lastRaw)
                && stats.equals(s.stats);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(names) * 31 + Long.hashCode(lastTs);
    }
}
