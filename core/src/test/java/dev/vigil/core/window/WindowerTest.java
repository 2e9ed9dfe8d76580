package dev.vigil.core.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.event.ScoredSample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowerTest {

    private static ScoredSample sample(long ts, double x, Integer attack) {
        return new ScoredSample("n1", ts, new String[] {"x"}, new double[] {x}, new double[] {Double.NaN},
                Double.NaN, false, new String[0], new double[0], attack);
    }

    @Test
    void slidingWindowsOfSixPanesOverSamplesEveryTenSeconds() {
        List<ScoredSample> samples = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            samples.add(sample(i * 10_000L, i, i == 8 ? 1 : 0)); // one attack sample at 80 s
        }
        List<WindowVector> w = new Windower(SlidingWindows.defaults()).windows(samples);
        // Windows end with panes 0..16: the first and the last five are partly empty.
        assertThat(w).hasSize(17);
        WindowVector full = w.get(5); // [0 s, 60 s): samples 0..5
        assertThat(full.start()).isEqualTo(0);
        assertThat(full.end()).isEqualTo(60_000);
        int coverage = full.names().length - 2;
        assertThat(full.values()[coverage]).isEqualTo(1.0);
        assertThat(full.values()[0]).as("mean of 0..5").isEqualTo(2.5);
        assertThat(full.values()[6]).as("slope per second").isEqualTo(0.1);
        assertThat(full.attack()).isEqualTo(0);
        assertThat(w.get(0).values()[coverage]).as("the first window holds one sample").isEqualTo(1.0 / 6);
        assertThat(w.stream().filter(v -> v.attack() == 1).map(WindowVector::start))
                .as("every window that covers 80 s").containsExactly(30_000L, 40_000L, 50_000L, 60_000L, 70_000L, 80_000L);
    }

    @Test
    void aWindowMustBeAWholeNumberOfSlides() {
        assertThatThrownBy(() -> new SlidingWindows(Duration.ofSeconds(45), Duration.ofSeconds(10), Duration.ofSeconds(10)))
                .hasMessage("window size (PT45S) must be a positive multiple of its slide (PT10S)");
    }
}
