package dev.vigil.core.scoring;

import dev.vigil.core.event.MetricSample;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.stats.RateConverter;
import dev.vigil.core.stats.RunningStats;
import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Scores one node's samples in event-time order: counters to rates, then a z-score per feature against
 * the node's running baseline, the flag and its explanation. The one implementation of scoring, used by
 * the streaming job's keyed function, by replay and by the plain-Java benchmark baseline.
 */
public final class NodeScorer implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ZScoreSettings settings;
    private transient String[] cachedNames;
    private transient boolean[] cachedCounters;

    public NodeScorer(ZScoreSettings settings) {
        this.settings = settings;
    }

    public ZScoreSettings settings() {
        return settings;
    }

    /** The outcome of one step: the node's new state and the scored sample. */
    public record Step(NodeState state, ScoredSample scored) {
    }

    /**
     * Scores {@code sample} against {@code state} (null before the node's first sample).
     *
     * @throws IllegalArgumentException if the sample is not later than the node's previous one; callers
     *     order samples and reject duplicates first
     */
    public Step score(NodeState state, MetricSample sample) {
        NodeState current = state == null ? NodeState.initial(sample.names()) : state;
        double[] raw = sample.values();
        if (!Arrays.equals(current.names(), sample.names())) {
            current = widen(current, sample.names());
            raw = align(sample.names(), sample.values(), current.names());
        }
        if (current.hasPrevious() && sample.ts() <= current.lastTs()) {
            throw new IllegalArgumentException("sample at " + sample.ts() + " is not after the node's previous one at "
                    + current.lastTs());
        }
        String[] names = current.names();
        long elapsed = current.hasPrevious() ? sample.ts() - current.lastTs() : 0;
        double[] values = RateConverter.toRates(counters(names), current.lastRaw(), elapsed, raw);

        RunningStats stats = current.stats();
        if (settings.halfLife() != null && current.hasPrevious()) {
            stats.decay(Math.pow(0.5, (double) elapsed / settings.halfLife().toMillis()));
        }
        double[] z = new double[names.length];
        double maxAbs = Double.NaN;
        for (int i = 0; i < names.length; i++) {
            z[i] = zScore(stats, i, values[i]);
            if (!Double.isNaN(z[i]) && !(Math.abs(z[i]) <= maxAbs)) {
                maxAbs = Math.abs(z[i]);
            }
        }
        boolean anomaly = maxAbs >= settings.threshold();
        if (!anomaly || settings.updateOnAnomaly()) {
            for (int i = 0; i < names.length; i++) {
                if (!Double.isNaN(values[i])) {
                    stats.add(i, values[i]);
                }
            }
        }
        int[] top = topByAbs(z, settings.topFeatures());
        String[] topNames = new String[top.length];
        double[] topZ = new double[top.length];
        for (int k = 0; k < top.length; k++) {
            topNames[k] = names[top[k]];
            topZ[k] = z[top[k]];
        }
        NodeState next = new NodeState(names, sample.ts(), raw.clone(), stats);
        ScoredSample scored = new ScoredSample(sample.node(), sample.ts(), names, values, z, maxAbs, anomaly,
                topNames, topZ, sample.attack());
        return new Step(next, scored);
    }

    /** z of {@code value} for feature {@code i}; NaN while missing or before the baseline is warm. */
    private double zScore(RunningStats stats, int i, double value) {
        if (Double.isNaN(value) || stats.count(i) < settings.warmup()) {
            return Double.NaN;
        }
        double mean = stats.mean(i);
        double floor = Math.max(settings.minStdDev(), settings.minRelativeStdDev() * Math.abs(mean));
        double sd = Math.max(Math.sqrt(stats.variance(i)), floor);
        return (value - mean) / sd;
    }

    private boolean[] counters(String[] names) {
        if (!Arrays.equals(names, cachedNames)) {
            boolean[] flags = new boolean[names.length];
            for (int i = 0; i < names.length; i++) {
                flags[i] = settings.counters().contains(names[i]);
            }
            cachedNames = names.clone();
            cachedCounters = flags;
        }
        return cachedCounters;
    }

    /** Indices of the {@code k} largest |z| (NaN skipped), largest first. */
    static int[] topByAbs(double[] z, int k) {
        int[] best = new int[Math.min(k, z.length)];
        int n = 0;
        for (int i = 0; i < z.length; i++) {
            if (Double.isNaN(z[i])) {
                continue;
            }
            double a = Math.abs(z[i]);
            int pos = n < best.length ? n++ : best.length;
            while (pos > 0 && Math.abs(z[best[pos - 1]]) < a) {
                if (pos < best.length) {
                    best[pos] = best[pos - 1];
                }
                pos--;
            }
            if (pos < best.length) {
                best[pos] = i;
            }
        }
        return Arrays.copyOf(best, n);
    }

    /** State over the union of the known names and {@code incoming}, known ones keeping their statistics. */
    private static NodeState widen(NodeState state, String[] incoming) {
        Set<String> union = new LinkedHashSet<>(Arrays.asList(state.names()));
        union.addAll(Arrays.asList(incoming));
        String[] names = union.toArray(String[]::new);
        if (Arrays.equals(names, state.names())) {
            return state;
        }
        double[] lastRaw = state.lastRaw() == null ? null : align(state.names(), state.lastRaw(), names);
        return new NodeState(names, state.lastTs(), lastRaw, state.stats().realign(state.names(), names));
    }

    /** {@code values} (named by {@code from}) rearranged to follow {@code to}; absent names are missing. */
    private static double[] align(String[] from, double[] values, String[] to) {
        double[] out = new double[to.length];
        Arrays.fill(out, Double.NaN);
        for (int i = 0; i < from.length; i++) {
            for (int j = 0; j < to.length; j++) {
                if (to[j].equals(from[i])) {
                    out[j] = values[i];
                    break;
                }
            }
        }
        return out;
    }
}
