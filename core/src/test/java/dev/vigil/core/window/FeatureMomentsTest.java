package dev.vigil.core.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureMomentsTest {

    private static final WindowFeatures ONE = new WindowFeatures(new String[] {"x"});

    private static double stat(double[] v, String name) {
        return v[WindowFeatures.STATISTICS.indexOf(name)];
    }

    @Test
    void statisticsOfALinearSeriesWithNoise() {
        // x = 100 + 2·t (t in s) with ±1 alternating: slope 2 per second, mean 100 + 2·mean(t)
        FeatureMoments m = new FeatureMoments(1, 1_000_000L);
        double[] xs = new double[6];
        for (int i = 0; i < 6; i++) {
            double t = i * 10;
            xs[i] = 100 + 2 * t + (i % 2 == 0 ? 1 : -1);
            m.add(1_000_000L + i * 10_000L, new double[] {xs[i]}, new double[] {i - 2.5}, i == 5, i >= 4 ? 1 : 0);
        }
        double[] v = ONE.extract(m, 6);
        assertThat(stat(v, "mean")).isCloseTo(150.0, within(1e-9));
        double ss = 0;
        for (double x : xs) {
            ss += (x - 150) * (x - 150);
        }
        assertThat(stat(v, "std")).isCloseTo(Math.sqrt(ss / 5), within(1e-9));
        assertThat(stat(v, "min")).isEqualTo(xs[0]);
        assertThat(stat(v, "max")).isEqualTo(xs[5]);
        assertThat(stat(v, "first")).isEqualTo(101.0);
        assertThat(stat(v, "last")).isEqualTo(199.0);
        // the noise +1,-1,... over t = 0..50 adds Σ(t−25)·e / Σ(t−25)² = −30 / 1750 to the slope
        assertThat(stat(v, "slope")).isCloseTo(2 - 30.0 / 1750, within(1e-9));
        assertThat(stat(v, "zmean")).isCloseTo(0.0, within(1e-12));
        assertThat(stat(v, "zmaxabs")).isEqualTo(2.5);
        assertThat(v[v.length - 2]).as("coverage").isEqualTo(1.0);
        assertThat(v[v.length - 1]).as("flagged fraction").isCloseTo(1.0 / 6, within(1e-12));
        assertThat(WindowFeatures.label(m)).isEqualTo(1);
    }

    @Test
    void missingValuesAndTooFewValuesGiveMissingStatistics() {
        FeatureMoments m = new FeatureMoments(2, 0);
        m.add(0, new double[] {5, Double.NaN}, new double[] {Double.NaN, Double.NaN}, false, null);
        double[] v = new WindowFeatures(new String[] {"a", "b"}).extract(m, 6);
        int per = WindowFeatures.STATISTICS.size();
        assertThat(v[0]).isEqualTo(5.0);
        assertThat(v[1]).as("std of one value").isNaN();
        assertThat(v[6]).as("slope of one value").isNaN();
        assertThat(v[7]).as("no z yet").isNaN();
        for (int k = per; k < 2 * per; k++) {
            assertThat(v[k]).as("b never present").isNaN();
        }
        assertThat(v[2 * per]).as("coverage").isCloseTo(1.0 / 6, within(1e-12));
        assertThat(WindowFeatures.label(m)).isNull();
    }

    /** Merging panes gives what adding every sample to one accumulator gives, whatever the split. */
    @Test
    void mergedPanesEqualOneAccumulation() {
        Random random = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int count = 2 + random.nextInt(40);
            long origin = 1_700_000_000_000L + random.nextInt(1_000_000);
            FeatureMoments whole = new FeatureMoments(3, origin);
            FeatureMoments left = new FeatureMoments(3, origin);
            long cut = origin + random.nextInt(count) * 1_000L;
            FeatureMoments right = new FeatureMoments(3, cut);
            for (int i = 0; i < count; i++) {
                long ts = origin + i * 1_000L;
                double[] x = {1e9 + random.nextGaussian(), random.nextBoolean() ? Double.NaN : random.nextGaussian() * 5,
                    3 * i + random.nextGaussian()};
                double[] z = {random.nextGaussian(), Double.NaN, random.nextGaussian() * 4};
                boolean flag = random.nextInt(10) == 0;
                Integer label = random.nextInt(5) == 0 ? 1 : 0;
                whole.add(ts, x, z, flag, label);
                (ts < cut ? left : right).add(ts, x, z, flag, label);
            }
            left.merge(right);
            WindowFeatures f = new WindowFeatures(new String[] {"a", "b", "c"});
            double[] expected = f.extract(whole, count);
            double[] merged = f.extract(left, count);
            for (int k = 0; k < expected.length; k++) {
                if (Double.isNaN(expected[k])) {
                    assertThat(merged[k]).as(f.names()[k]).isNaN();
                } else {
                    assertThat(merged[k]).as(f.names()[k]).isCloseTo(expected[k],
                            within(1e-7 * Math.max(1, Math.abs(expected[k]))));
                }
            }
            assertThat(WindowFeatures.label(left)).isEqualTo(WindowFeatures.label(whole));
        }
    }

    @Test
    void namesFollowTheBaseFeaturesThenTheMetadata() {
        WindowFeatures f = new WindowFeatures(new String[] {"load1", "forks_total"});
        assertThat(f.names()).hasSize(2 * 9 + 2).startsWith("load1_mean", "load1_std").contains("forks_total_slope")
                .endsWith("window_coverage", "window_flagged");
    }
}
