package dev.vigil.core.window;

import java.util.ArrayList;
import java.util.List;

/**
 * The one definition of a window's feature vector, used by the streaming job, by training and by
 * evaluation alike, so a model sees in production exactly what it was trained on.
 *
 * <p>Per base feature, in this order: mean, standard deviation, min, max, first, last, slope (least-squares
 * change per second), mean z and largest |z| (from the node's z-score baseline); then the window's metadata:
 * the fraction of expected samples present and the fraction of samples the z-score flagged. The first,
 * last and slope keep the window's shape, which its averages alone lose. A statistic that needs more
 * values than the window has (a deviation of one value, a slope of one time) is missing (NaN).
 */
public final class WindowFeatures {

    /** The statistics per base feature, as suffixes of the output names. */
    public static final List<String> STATISTICS = List.of("mean", "std", "min", "max", "first", "last", "slope",
            "zmean", "zmaxabs");

    /** The window's metadata features. */
    public static final List<String> METADATA = List.of("window_coverage", "window_flagged");

    private final String[] base;
    private final String[] names;

    /** Windows over the base features {@code base} (the samples' feature names). */
    public WindowFeatures(String[] base) {
        this.base = base.clone();
        List<String> out = new ArrayList<>(base.length * STATISTICS.size() + METADATA.size());
        for (String f : base) {
            for (String s : STATISTICS) {
                out.add(f + "_" + s);
            }
        }
        out.addAll(METADATA);
        this.names = out.toArray(String[]::new);
    }

    public String[] base() {
        return base.clone();
    }

    /** The names of the vector's values, in order. */
    public String[] names() {
        return names.clone();
    }

    /**
     * The feature vector of a window whose accumulated moments are {@code m}, where {@code expectedSamples}
     * samples would be present if none were missing.
     */
    public double[] extract(FeatureMoments m, int expectedSamples) {
        if (m.size() != base.length) {
            throw new IllegalArgumentException("moments of " + m.size() + " features for windows of " + base.length);
        }
        double[] v = new double[names.length];
        int k = 0;
        for (int i = 0; i < base.length; i++) {
            long n = m.n[i];
            v[k++] = n > 0 ? m.mean[i] : Double.NaN;
            v[k++] = n > 1 ? Math.sqrt(Math.max(0, m.m2[i] / (n - 1))) : Double.NaN;
            v[k++] = n > 0 ? m.min[i] : Double.NaN;
            v[k++] = n > 0 ? m.max[i] : Double.NaN;
            v[k++] = m.first[i];
            v[k++] = m.last[i];
            v[k++] = n > 1 && m.m2T[i] > 1e-9 ? m.cTX[i] / m.m2T[i] : Double.NaN; // NaN: all at one time
            v[k++] = m.zN[i] > 0 ? m.zSum[i] / m.zN[i] : Double.NaN;
            v[k++] = m.zMaxAbs[i];
        }
        v[k++] = expectedSamples > 0 ? Math.min(1.0, (double) m.samples / expectedSamples) : Double.NaN;
        v[k] = m.samples > 0 ? (double) m.flagged / m.samples : Double.NaN;
        return v;
    }

    /**
     * The vector of one node's window [start, end) whose merged moments are {@code m}, with its label. The
     * vectors of one {@code WindowFeatures} share its names array (nothing changes it).
     */
    public WindowVector vector(String node, long start, long end, FeatureMoments m, int expectedSamples) {
        return new WindowVector(node, start, end, names, extract(m, expectedSamples), label(m));
    }

    /**
     * The window's label from its samples' labels: 1 when any labelled sample is an attack, 0 when all
     * labelled samples are normal, null when none is labelled.
     */
    public static Integer label(FeatureMoments m) {
        if (m.labelled == 0) {
            return null;
        }
        return m.attacks > 0 ? 1 : 0;
    }
}
