package dev.vigil.core.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IncidentRulesTest {

    private static final String[] FEATURES = {"cpu", "forks"};
    private static final String[] MODELS = {"rf"};
    private final IncidentRules rules = new IncidentRules(0.5, 0.5, Duration.ofSeconds(60), 2);

    private static WindowVote vote(long end, double flagged, double zForks, boolean rf, double p, Integer label) {
        return new WindowVote(end, flagged, FEATURES, new double[] {1.0, zForks}, MODELS, new boolean[] {rf},
                new double[] {p}, label);
    }

    @Test
    void opensOnAFlaggedWindowGrowsAndClosesAfterTheQuietPeriod() {
        Incident none = rules.apply("n1", null, vote(10_000, 1 / 6.0, 3.1, false, 0.1, 0));
        assertThat(none).as("one flagged sample of six opens nothing").isNull();

        Incident opened = rules.apply("n1", null, vote(20_000, 0.5, 4, false, 0.2, 0));
        assertThat(opened.openedAt()).isEqualTo(20_000);
        assertThat(opened.windows()).isEqualTo(1);
        assertThat(opened.zWindows()).isEqualTo(1);
        assertThat(opened.closed()).isFalse();
        assertThat(rules.reported(opened)).as("one flagged window is not reported yet").isFalse();

        Incident grown = rules.apply("n1", opened, vote(30_000, 0, 2, true, 0.9, 1));
        assertThat(grown.lastSeen()).isEqualTo(30_000);
        assertThat(grown.windows()).isEqualTo(2);
        assertThat(grown.zWindows()).as("the model alone flagged this one").isEqualTo(1);
        assertThat(grown.modelWindows()).containsExactly(1);
        assertThat(grown.modelMaxProbability()).containsExactly(0.9);
        assertThat(grown.maxAbsZ()).containsExactly(1.0, 4.0);
        assertThat(grown.label()).isEqualTo(1);
        assertThat(rules.reported(grown)).isTrue();

        Incident quiet = rules.apply("n1", grown, vote(80_000, 0, 1, false, 0.1, 0));
        assertThat(quiet).as("50 s of quiet is not enough").isSameAs(grown);
        Incident closed = rules.apply("n1", grown, vote(90_000, 0, 1, false, 0.1, 0));
        assertThat(closed.closed()).isTrue();
        assertThat(closed.lastSeen()).isEqualTo(30_000);
        assertThat(rules.apply("n1", closed, vote(100_000, 1, 5, false, 0, null)).openedAt())
                .as("a flag after the close opens a new incident").isEqualTo(100_000);
    }

    @Test
    void closesByTimeWhenNoMoreWindowsCome() {
        Incident open = rules.apply("n1", null, vote(20_000, 1, 4, false, 0.2, null));
        assertThat(rules.quietDeadline(open)).isEqualTo(80_000);
        assertThat(rules.closeIfQuiet(open, 79_999)).isSameAs(open);
        assertThat(rules.closeIfQuiet(open, 80_000).closed()).isTrue();
        assertThat(open.topFeatures(3)).containsExactly(1, 0);
        assertThat(open.maxAbsZOverall()).isEqualTo(4.0);
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new IncidentRules(0.5, 0.5, Duration.ofSeconds(1), 0))
                .hasMessage("an incident needs at least one flagged window, got 0");
        assertThatThrownBy(() -> new IncidentRules(0, 0.5, Duration.ofSeconds(1), 1))
                .hasMessage("the flagged fraction of a window must be in (0, 1], got 0.0");
        assertThatThrownBy(() -> new IncidentRules(0.5, 0.5, Duration.ZERO, 1))
                .hasMessage("the quiet period must be positive, got PT0S");
    }
}
