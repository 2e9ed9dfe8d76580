package dev.vigil.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RunningStatsTest {

    @Test
    void matchesExactTwoPassOnLargeOffsetWithSmallNoise() {
        SplittableRandom random = new SplittableRandom(7);
        int n = 100_000;
        double[] xs = new double[n];
        RunningStats stats = RunningStats.empty(1);
        for (int i = 0; i < n; i++) {
            xs[i] = 1e9 + random.nextGaussian() * 0.01;
            stats.add(0, xs[i]);
        }
        // Exact reference in BigDecimal, two passes.
        MathContext mc = MathContext.DECIMAL128;
        BigDecimal sum = BigDecimal.ZERO;
        for (double x : xs) {
            sum = sum.add(new BigDecimal(x), mc);
        }
        BigDecimal mean = sum.divide(BigDecimal.valueOf(n), mc);
        BigDecimal ss = BigDecimal.ZERO;
        for (double x : xs) {
            BigDecimal d = new BigDecimal(x).subtract(mean, mc);
            ss = ss.add(d.multiply(d, mc), mc);
        }
        double exactVariance = ss.divide(BigDecimal.valueOf(n - 1), mc).doubleValue();

        assertThat(stats.mean(0)).isCloseTo(mean.doubleValue(), within(1e-5));
        assertThat(stats.variance(0)).isCloseTo(exactVariance, within(exactVariance * 1e-4));
        assertThat(naiveSumOfSquaresVariance(xs)).as("the textbook formula this replaces is far off")
                .isNotCloseTo(exactVariance, within(exactVariance));
    }

    private static double naiveSumOfSquaresVariance(double[] xs) {
        double sum = 0;
        double sumSq = 0;
        for (double x : xs) {
            sum += x;
            sumSq += x * x;
        }
        return (sumSq - sum * sum / xs.length) / (xs.length - 1);
    }

    @Test
    void varianceNeedsTwoSamples() {
        RunningStats stats = RunningStats.empty(1);
        assertThat(stats.variance(0)).isNaN();
        stats.add(0, 3);
        assertThat(stats.variance(0)).isNaN();
        stats.add(0, 5);
        assertThat(stats.mean(0)).isEqualTo(4.0);
        assertThat(stats.variance(0)).isEqualTo(2.0);
    }

    @Test
    void decayEqualsExplicitlyWeightedStatistics() {
        double[] xs = {10, 12, 9, 30, 31, 29, 33};
        double factor = 0.8;
        RunningStats stats = RunningStats.empty(1);
        for (double x : xs) {
            stats.decay(factor);
            stats.add(0, x);
        }
        // Reference: weights factor^(age), reliability-weighted variance.
        double w = 0;
        double w2 = 0;
        double sum = 0;
        for (int i = 0; i < xs.length; i++) {
            double weight = Math.pow(factor, xs.length - 1 - i);
            w += weight;
            w2 += weight * weight;
            sum += weight * xs[i];
        }
        double mean = sum / w;
        double ss = 0;
        for (int i = 0; i < xs.length; i++) {
            ss += Math.pow(factor, xs.length - 1 - i) * (xs[i] - mean) * (xs[i] - mean);
        }
        assertThat(stats.mean(0)).isCloseTo(mean, within(1e-9));
        assertThat(stats.variance(0)).isCloseTo(ss / (w - w2 / w), within(1e-9));
        assertThat(stats.mean(0)).as("recent values weigh more").isGreaterThan(23.4);
    }

    @Test
    void realignKeepsStatisticsByName() {
        RunningStats stats = RunningStats.empty(2);
        stats.add(0, 1);
        stats.add(1, 100);
        RunningStats moved = stats.realign(new String[] {"a", "b"}, new String[] {"b", "c", "a"});
        assertThat(moved.mean(0)).isEqualTo(100);
        assertThat(moved.count(1)).isZero();
        assertThat(moved.mean(2)).isEqualTo(1);
    }
}
