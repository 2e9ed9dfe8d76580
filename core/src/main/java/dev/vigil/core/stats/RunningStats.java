package dev.vigil.core.stats;

import java.util.Arrays;

/**
 * Running mean and variance of a vector of features, one accumulator per position (Welford's method in
 * West's weighted form, so exponential decay is a weight and not an approximation).
 *
 * <p>Per position it keeps the sample count, the sum of weights {@code w}, the sum of squared weights
 * {@code w2}, the mean and {@code m2} (the weighted sum of squared deviations). Without decay every weight
 * is 1, so {@code w = w2 = count} and the variance is the ordinary sample variance {@code m2 / (n - 1)}.
 * With decay the variance uses reliability weights: {@code m2 / (w - w2 / w)}. Arrays are mutated in place;
 * the record is the keyed-state value.
 */
public record RunningStats(long[] count, double[] w, double[] w2, double[] mean, double[] m2) {

    /** Empty statistics for {@code size} features. */
    public static RunningStats empty(int size) {
        return new RunningStats(new long[size], new double[size], new double[size], new double[size], new double[size]);
    }

    public int size() {
        return mean.length;
    }

    /** An independent copy (the arrays are mutated in place). */
    public RunningStats copy() {
        return new RunningStats(count.clone(), w.clone(), w2.clone(), mean.clone(), m2.clone());
    }

    /** Adds one observation {@code x} of feature {@code i} with weight 1. */
    public void add(int i, double x) {
        count[i]++;
        double newW = w[i] + 1.0;
        double delta = x - mean[i];
        mean[i] += delta / newW;
        m2[i] += delta * (x - mean[i]);
        w[i] = newW;
        w2[i] += 1.0;
    }

    /** Multiplies every past weight by {@code factor} in (0, 1]: older samples count for less. */
    public void decay(double factor) {
        if (factor >= 1.0) {
            return;
        }
        double squared = factor * factor;
        for (int i = 0; i < mean.length; i++) {
            w[i] *= factor;
            w2[i] *= squared;
            m2[i] *= factor;
        }
    }

    public long count(int i) {
        return count[i];
    }

    public double mean(int i) {
        return mean[i];
    }

    /** Unbiased (reliability-weighted) variance of feature {@code i}; NaN with fewer than two samples. */
    public double variance(int i) {
        if (count[i] < 2) {
            return Double.NaN;
        }
        double denominator = w[i] - w2[i] / w[i];
        return denominator > 0 ? Math.max(0.0, m2[i] / denominator) : Double.NaN;
    }

    /** A copy whose positions follow {@code to}; features absent from {@code from} start empty. */
    public RunningStats realign(String[] from, String[] to) {
        RunningStats out = empty(to.length);
        for (int j = 0; j < to.length; j++) {
            int i = indexOf(from, to[j]);
            if (i >= 0) {
                out.count[j] = count[i];
                out.w[j] = w[i];
                out.w2[j] = w2[i];
                out.mean[j] = mean[i];
                out.m2[j] = m2[i];
            }
        }
        return out;
    }

    static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunningStats s
                && Arrays.equals(count, s.count)
                && Arrays.equals(w, s.w)
                && Arrays.equals(w2, s.w2)
                && Arrays.equals(mean, s.mean)
                && Arrays.equals(m2, s.m2);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mean) * 31 + Arrays.hashCode(m2);
    }

    @Override
    public String toString() {
        return "RunningStats[count=" + Arrays.toString(count) + ", mean=" + Arrays.toString(mean) + ']';
    }
}
