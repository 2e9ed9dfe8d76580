package dev.vigil.core.scoring;

import java.io.Serializable;
import java.time.Duration;
import java.util.Set;

/**
 * How samples are scored: which features are counters, the flag threshold on |z|, how many samples a
 * feature's baseline needs before it may flag (warm-up), the optional half-life of exponential decay,
 * whether flagged samples update the baseline, how many top features explain a flag, and the smallest
 * standard deviation used (so a feature that never varied does not divide by zero).
 */
public record ZScoreSettings(
        Set<String> counters,
        double threshold,
        int warmup,
        Duration halfLife,
        boolean updateOnAnomaly,
        int topFeatures,
        double minStdDev) implements Serializable {

    public static final double DEFAULT_THRESHOLD = 3.0;
    public static final int DEFAULT_WARMUP = 30;
    public static final int DEFAULT_TOP_FEATURES = 3;
    public static final double DEFAULT_MIN_STDDEV = 1e-6;

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
    }

    /** Defaults: the seed's counters, threshold 3.0, warm-up 30, no decay, no poisoning, top 3. */
    public static ZScoreSettings defaults() {
        return new ZScoreSettings(dev.vigil.core.features.NodeFeatures.SEED_COUNTERS, DEFAULT_THRESHOLD,
                DEFAULT_WARMUP, null, false, DEFAULT_TOP_FEATURES, DEFAULT_MIN_STDDEV);
    }

    public ZScoreSettings withThreshold(double value) {
        return new ZScoreSettings(counters, value, warmup, halfLife, updateOnAnomaly, topFeatures, minStdDev);
    }

    public ZScoreSettings withWarmup(int value) {
        return new ZScoreSettings(counters, threshold, value, halfLife, updateOnAnomaly, topFeatures, minStdDev);
    }

    public ZScoreSettings withHalfLife(Duration value) {
        return new ZScoreSettings(counters, threshold, warmup, value, updateOnAnomaly, topFeatures, minStdDev);
    }

    public ZScoreSettings withUpdateOnAnomaly(boolean value) {
        return new ZScoreSettings(counters, threshold, warmup, halfLife, value, topFeatures, minStdDev);
    }

    public ZScoreSettings withCounters(Set<String> value) {
        return new ZScoreSettings(value, threshold, warmup, halfLife, updateOnAnomaly, topFeatures, minStdDev);
    }
}
