package dev.vigil.core.window;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * What a window needs to know of each feature's values and z-scores, kept as sums that merge: panes of a
 * sliding window are accumulated once and merged into every window they belong to, so a sample updates
 * state once however many windows cover it. Per feature: count, mean and squared deviations (merged with
 * Chan's formula, stable where the textbook sum of squares is not), min, max, the first and last value
 * with their times, the mean time and the co-moments of time and value for a least-squares slope (also
 * merged with Chan's formula: sums of t·x cancel catastrophically on values like 1e9), and the count, sum
 * and largest magnitude of the z-scores. Times are seconds from {@link #origin()}.
 */
public final class FeatureMoments {

    private final long origin;
    private final int size;
    final long[] n;
    final double[] mean;
    final double[] m2;
    final double[] min;
    final double[] max;
    final double[] firstT;
    final double[] first;
    final double[] lastT;
    final double[] last;
    final double[] meanT;
    final double[] m2T;
    final double[] cTX;
    final long[] zN;
    final double[] zSum;
    final double[] zMaxAbs;
    int samples;
    int attacks;
    int labelled;
    int flagged;

    /** Empty moments of {@code size} features, times measured from {@code origin} (epoch ms). */
    public FeatureMoments(int size, long origin) {
        this.origin = origin;
        this.size = size;
        n = new long[size];
        mean = new double[size];
        m2 = new double[size];
        min = filled(size, Double.POSITIVE_INFINITY);
        max = filled(size, Double.NEGATIVE_INFINITY);
        firstT = filled(size, Double.NaN);
        first = filled(size, Double.NaN);
        lastT = filled(size, Double.NaN);
        last = filled(size, Double.NaN);
        meanT = new double[size];
        m2T = new double[size];
        cTX = new double[size];
        zN = new long[size];
        zSum = new double[size];
        zMaxAbs = filled(size, Double.NaN);
    }

    private static double[] filled(int size, double value) {
        double[] a = new double[size];
        Arrays.fill(a, value);
        return a;
    }

    public long origin() {
        return origin;
    }

    public int size() {
        return size;
    }

    /** The fraction of samples the z-score flagged, NaN without samples. */
    public double flaggedFraction() {
        return samples == 0 ? Double.NaN : (double) flagged / samples;
    }

    /** The largest |z| of each feature, NaN where it had none. */
    public double[] maxAbsZ() {
        return zMaxAbs.clone();
    }

    /** Samples added (or merged in), missing values included. */
    public int samples() {
        return samples;
    }

    /**
     * Adds one sample at {@code ts}: its values (NaN = missing), their z-scores (NaN = none yet), whether
     * scoring flagged it, and its label (null = unlabelled).
     */
    public void add(long ts, double[] values, double[] z, boolean anomaly, Integer attack) {
        if (values.length != size || z.length != size) {
            throw new IllegalArgumentException("expected " + size + " features, got " + values.length);
        }
        double t = (ts - origin) / 1000.0;
        samples++;
        flagged += anomaly ? 1 : 0;
        if (attack != null) {
            labelled++;
            attacks += attack;
        }
        for (int i = 0; i < size; i++) {
            double x = values[i];
            if (!Double.isNaN(x)) {
                long k = ++n[i];
                double delta = x - mean[i];
                mean[i] += delta / k;
                m2[i] += delta * (x - mean[i]);
                double deltaT = t - meanT[i];
                meanT[i] += deltaT / k;
                m2T[i] += deltaT * (t - meanT[i]);
                cTX[i] += delta * (t - meanT[i]);
                min[i] = Math.min(min[i], x);
                max[i] = Math.max(max[i], x);
                if (Double.isNaN(firstT[i]) || t < firstT[i]) {
                    firstT[i] = t;
                    first[i] = x;
                }
                if (Double.isNaN(lastT[i]) || t >= lastT[i]) {
                    lastT[i] = t;
                    last[i] = x;
                }
            }
            double zi = z[i];
            if (!Double.isNaN(zi)) {
                zN[i]++;
                zSum[i] += zi;
                zMaxAbs[i] = Double.isNaN(zMaxAbs[i]) ? Math.abs(zi) : Math.max(zMaxAbs[i], Math.abs(zi));
            }
        }
    }

    /** Adds everything {@code other} holds (its times shifted to this origin). */
    public void merge(FeatureMoments other) {
        if (other.size != size) {
            throw new IllegalArgumentException("cannot merge moments of " + other.size + " features into " + size);
        }
        double d = (other.origin - origin) / 1000.0;
        samples += other.samples;
        flagged += other.flagged;
        labelled += other.labelled;
        attacks += other.attacks;
        for (int i = 0; i < size; i++) {
            long nb = other.n[i];
            if (nb > 0) {
                long na = n[i];
                long nab = na + nb;
                double weight = (double) na * nb / nab;
                double delta = other.mean[i] - mean[i];
                double deltaT = other.meanT[i] + d - meanT[i]; // the other's times shifted to this origin
                mean[i] += delta * nb / nab;
                m2[i] += other.m2[i] + delta * delta * weight;
                meanT[i] += deltaT * nb / nab;
                m2T[i] += other.m2T[i] + deltaT * deltaT * weight;
                cTX[i] += other.cTX[i] + deltaT * delta * weight;
                n[i] = nab;
                min[i] = Math.min(min[i], other.min[i]);
                max[i] = Math.max(max[i], other.max[i]);
                double of = other.firstT[i] + d;
                if (Double.isNaN(firstT[i]) || of < firstT[i]) {
                    firstT[i] = of;
                    first[i] = other.first[i];
                }
                double ol = other.lastT[i] + d;
                if (Double.isNaN(lastT[i]) || ol >= lastT[i]) {
                    lastT[i] = ol;
                    last[i] = other.last[i];
                }
            }
            if (other.zN[i] > 0) {
                zN[i] += other.zN[i];
                zSum[i] += other.zSum[i];
                zMaxAbs[i] = Double.isNaN(zMaxAbs[i]) ? other.zMaxAbs[i] : Math.max(zMaxAbs[i], other.zMaxAbs[i]);
            }
        }
    }

    /** A deep copy (the stream's heap state backend copies state it snapshots while it changes). */
    public FeatureMoments copy() {
        FeatureMoments c = new FeatureMoments(size, origin);
        c.samples = samples;
        c.attacks = attacks;
        c.labelled = labelled;
        c.flagged = flagged;
        System.arraycopy(n, 0, c.n, 0, size);
        System.arraycopy(zN, 0, c.zN, 0, size);
        double[][] from = arrays();
        double[][] to = c.arrays();
        for (int k = 0; k < from.length; k++) {
            System.arraycopy(from[k], 0, to[k], 0, size);
        }
        return c;
    }

    /** Writes every field, for keyed state and checkpoints; {@link #readFrom} reads it back. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeLong(origin);
        out.writeInt(size);
        out.writeInt(samples);
        out.writeInt(attacks);
        out.writeInt(labelled);
        out.writeInt(flagged);
        for (int i = 0; i < size; i++) {
            out.writeLong(n[i]);
            out.writeLong(zN[i]);
        }
        for (double[] a : arrays()) {
            for (double v : a) {
                out.writeDouble(v);
            }
        }
    }

    /** Moments written by {@link #writeTo}. */
    public static FeatureMoments readFrom(DataInput in) throws IOException {
        long origin = in.readLong();
        int size = in.readInt();
        if (size < 0 || size > 1 << 16) {
            throw new IOException("corrupt window moments: " + size + " features");
        }
        FeatureMoments m = new FeatureMoments(size, origin);
        m.samples = in.readInt();
        m.attacks = in.readInt();
        m.labelled = in.readInt();
        m.flagged = in.readInt();
        for (int i = 0; i < size; i++) {
            m.n[i] = in.readLong();
            m.zN[i] = in.readLong();
        }
        for (double[] a : m.arrays()) {
            for (int i = 0; i < size; i++) {
                a[i] = in.readDouble();
            }
        }
        return m;
    }

    private double[][] arrays() {
        return new double[][] {mean, m2, min, max, firstT, first, lastT, last, meanT, m2T, cTX, zSum, zMaxAbs};
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FeatureMoments m) || m.origin != origin || m.size != size || m.samples != samples
                || m.attacks != attacks || m.labelled != labelled || m.flagged != flagged
                || !Arrays.equals(m.n, n) || !Arrays.equals(m.zN, zN)) {
            return false;
        }
        return Arrays.deepEquals(m.arrays(), arrays());
    }

    @Override
    public int hashCode() {
        return Long.hashCode(origin) * 31 + samples;
    }
}
