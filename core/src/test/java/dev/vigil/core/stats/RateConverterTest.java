package dev.vigil.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RateConverterTest {

    private static final boolean[] COUNTER_GAUGE = {true, false};

    @Test
    void firstSampleHasNoRateButKeepsGauges() {
        double[] out = RateConverter.toRates(COUNTER_GAUGE, null, 0, new double[] {754.765, 80.52});
        assertThat(out[0]).isNaN();
        assertThat(out[1]).isEqualTo(80.52);
    }

    @Test
    void counterBecomesPerSecondRate() {
        // Table 2 of seed 004, rows 1 and 2: idle seconds 754.765 -> 762.78 over 10 s.
        double[] out = RateConverter.toRates(COUNTER_GAUGE, new double[] {754.765, 80.52}, 10_000,
                new double[] {762.78, 80.52});
        assertThat(out[0]).isCloseTo(0.8015, within(1e-9));
    }

    @Test
    void decreaseIsARestartAndGivesNoRateNeverANegativeOne() {
        double[] out = RateConverter.toRates(COUNTER_GAUGE, new double[] {1_000_000, 1}, 10_000,
                new double[] {42, 1});
        assertThat(out[0]).isNaN();
    }

    @Test
    void gapGivesTheAverageRateOverTheGap() {
        double[] out = RateConverter.toRates(COUNTER_GAUGE, new double[] {100, 0}, 60_000, new double[] {700, 0});
        assertThat(out[0]).isEqualTo(10.0);
    }

    @Test
    void missingOnEitherSideGivesMissing() {
        assertThat(RateConverter.rate(Double.NaN, 5, 1)).isNaN();
        assertThat(RateConverter.rate(5, Double.NaN, 1)).isNaN();
    }

    @Test
    void unchangedCounterIsZero() {
        assertThat(RateConverter.rate(4474, 4474, 10)).isZero();
    }

    @Test
    void nonPositiveElapsedTimeIsRefused() {
        assertThatThrownBy(() -> RateConverter.toRates(COUNTER_GAUGE, new double[] {1, 1}, 0, new double[] {2, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("elapsed time must be positive, was 0 ms");
    }
}
