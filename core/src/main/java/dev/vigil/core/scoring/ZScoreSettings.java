package dev.vigil.core.scoring;

import java.io.Serializable;
import java.time.Duration;
import java.util.Set;

/**
 * How samples are scored: which features are counters, the flag threshold on |z|, how many samples a
 * feature's baseline needs before it may flag (warm-up), the optional half-life of exponential decay,
 * whether flagged samples update the baseline, how many top features explain a flag, and the smallest
 * standard deviation used: at least {@code minStdDev}, and at least {@code minRelativeStdDev} times the
 * baseline's mean, so a gauge that sat still (disk space at 80.5205 %) is not flagged for moving in its
 * fourth decimal, while a counter rate that was always 0 still flags its first errors.
 */
public record ZScoreSettings(
        Set<String> counters,
        double threshold,
        int warmup,
        Duration halfLife,
        boolean updateOnAnomaly,
        int topFeatures,
        double minStdDev,
        double minRelativeStdDev) implements Serializable {

    public static final double DEFAULT_THRESHOLD = 3.0;
    public static final int DEFAULT_WARMUP = 30;
    public static final int DEFAULT_TOP_FEATURES = 3;
    public static final double DEFAULT_MIN_STDDEV = 1e-6;
    public static final double DEFAULT_MIN_RELATIVE_STDDEV = 1e-3;

    public ZScoreSettings {
        counters = Set.copyOf(counters);
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("threshold must be positive, was " + threshold);
        }
        if (warmup < 2) {
            throw new IllegalArgumentException("warm-up must be at least 2 samples, was " + warmup);
        }
        if (halfLife != null && (halfLife.isNegative() || halfLife.isZero())) {
            throw new IllegalArgumentException("half-life must be positive, was " + halfLife);
        }
        if (topFeatures < 1) {
            throw new IllegalArgumentException("top features must be at least 1, was " + topFeatures);
        }
        if (!(minStdDev > 0)) {
            throw new IllegalArgumentException("minimum standard deviation must be positive, was " + minStdDev);
        }
        if (minRelativeStdDev < 0) {
            throw new IllegalArgumentException("minimum relative standard deviation must not be negative, was "
                    + minRelativeStdDev);
        }
    }

    /** Defaults: the seed's counters, threshold 3.0, warm-up 30, no decay, no poisoning, top 3, floors. */
    public static ZScoreSettings defaults() {
        return new ZScoreSettings(dev.vigil.core.features.NodeFeatures.SEED_COUNTERS, DEFAULT_THRESHOLD,
                DEFAULT_WARMUP, null, false, DEFAULT_TOP_FEATURES, DEFAULT_MIN_STDDEV,
                DEFAULT_MIN_RELATIVE_STDDEV);
    }

    public ZScoreSettings withThreshold(double value) {
        return new ZScoreSettings(counters, value, warmup, halfLife, updateOnAnomaly, topFeatures, minStdDev, minRelativeStdDev);
    }

    public ZScoreSettings withWarmup(int value) {
        return new ZScoreSettings(counters, threshold, value, halfLife, updateOnAnomaly, topFeatures, minStdDev, minRelativeStdDev);
    }

    public ZScoreSettings withHalfLife(Duration value) {
        return new ZScoreSettings(counters, threshold, warmup, value, updateOnAnomaly, topFeatures, minStdDev, minRelativeStdDev);
    }

    public ZScoreSettings withUpdateOnAnomaly(boolean value) {
        return new ZScoreSettings(counters, threshold, warmup, halfLife, value, topFeatures, minStdDev, minRelativeStdDev);
    }

    public ZScoreSettings withCounters(Set<String> value) {
        return new ZScoreSettings(value, threshold, warmup, halfLife, updateOnAnomaly, topFeatures, minStdDev, minRelativeStdDev);
    }
}
