package dev.vigil.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.core.event.MetricSample;
import dev.vigil.core.event.ScoredSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeScorerTest {

    private static final String[] NAMES = {"cpu", "mem", "forks"};
    private final ZScoreSettings settings = ZScoreSettings.defaults().withCounters(Set.of("forks")).withWarmup(5);

    private static MetricSample sample(long ts, double cpu, double mem, double forks) {
        return new MetricSample("n1", ts, NAMES, new double[] {cpu, mem, forks}, 0, "test", null);
    }

    /** Scores a calm series alternating around 50 / 20, with a steady fork counter of 10/s. */
    private List<ScoredSample> calm(NodeScorer scorer, NodeState[] holder, int n) {
        List<ScoredSample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double wiggle = (i % 2 == 0 ? 1 : -1);
            NodeScorer.Step step = scorer.score(holder[0],
                    sample(i * 10_000L, 50 + wiggle, 20 - wiggle, 100 * i + (i % 3)));
            holder[0] = step.state();
            out.add(step.scored());
        }
        return out;
    }

    @Test
    void noZAndNoFlagDuringWarmUp() {
        NodeScorer scorer = new NodeScorer(settings);
        NodeState[] state = {null};
        List<ScoredSample> out = calm(scorer, state, 5);
        assertThat(out).allSatisfy(s -> {
            assertThat(s.anomaly()).isFalse();
            assertThat(s.maxAbsZ()).isNaN();
        });
        assertThat(out.get(0).values()[2]).as("first sample has no rate").isNaN();
        assertThat(out.get(1).values()[2]).as("counter as rate").isCloseTo(10.1, within(1e-9));
    }

    @Test
    void flagsAboveThresholdAndExplainsWithTopFeatures() {
        NodeScorer scorer = new NodeScorer(settings);
        NodeState[] state = {null};
        calm(scorer, state, 40);
        NodeScorer.Step step = scorer.score(state[0], sample(400_000, 5, 22, 4000 + 9_000));
        ScoredSample s = step.scored();
        assertThat(s.anomaly()).isTrue();
        assertThat(s.topFeatures()).containsExactly("forks", "cpu", "mem");
        assertThat(s.topZ()[0]).isGreaterThan(100);
        assertThat(s.topZ()[1]).isLessThan(-3);
        assertThat(s.maxAbsZ()).isEqualTo(Math.abs(s.topZ()[0]));
    }

    @Test
    void calmSamplesAreNotFlagged() {
        NodeScorer scorer = new NodeScorer(settings);
        NodeState[] state = {null};
        assertThat(calm(scorer, state, 200)).noneMatch(ScoredSample::anomaly);
    }

    @Test
    void flaggedSamplesDoNotPoisonTheBaselineByDefault() {
        NodeScorer scorer = new NodeScorer(settings);
        NodeState[] state = {null};
        calm(scorer, state, 40);
        double meanBefore = state[0].stats().mean(0);
        long countBefore = state[0].stats().count(0);
        NodeScorer.Step step = scorer.score(state[0], sample(400_000, 500, 20, 4000));
        assertThat(step.scored().anomaly()).isTrue();
        assertThat(step.state().stats().count(0)).isEqualTo(countBefore);
        assertThat(step.state().stats().mean(0)).isEqualTo(meanBefore);

        NodeScorer learning = new NodeScorer(settings.withUpdateOnAnomaly(true));
        NodeState[] other = {null};
        calm(learning, other, 40);
        NodeScorer.Step learned = learning.score(other[0], sample(400_000, 500, 20, 4000));
        assertThat(learned.state().stats().count(0)).isEqualTo(countBefore + 1);
    }

    @Test
    void missingValuesAreSkippedNotZero() {
        NodeScorer scorer = new NodeScorer(settings);
        NodeState[] state = {null};
        calm(scorer, state, 40);
        long countBefore = state[0].stats().count(1);
        NodeScorer.Step step = scorer.score(state[0], sample(400_000, 50, Double.NaN, 4000));
        assertThat(step.scored().z()[1]).isNaN();
        assertThat(step.scored().anomaly()).isFalse();
        assertThat(step.state().stats().count(1)).isEqualTo(countBefore);
        assertThat(step.scored().topFeatures()).doesNotContain("mem");
    }

    @Test
    void counterResetGivesNoRateAndNoFlag() {
        NodeScorer scorer = new NodeScorer(settings);
        NodeState[] state = {null};
        calm(scorer, state, 40);
        NodeScorer.Step step = scorer.score(state[0], sample(400_000, 50, 20, 3));
        assertThat(step.scored().values()[2]).isNaN();
        assertThat(step.scored().anomaly()).isFalse();
        NodeScorer.Step after = scorer.score(step.state(), sample(410_000, 50, 20, 104));
        assertThat(after.scored().values()[2]).isCloseTo(10.1, within(1e-9));
    }

    @Test
    void newFeatureNamesWidenTheStateAndKeepKnownBaselines() {
        NodeScorer scorer = new NodeScorer(settings);
        NodeState[] state = {null};
        calm(scorer, state, 40);
        MetricSample wider = new MetricSample("n1", 400_000, new String[] {"mem", "extra"},
                new double[] {20, 7}, null, "test", null);
        NodeScorer.Step step = scorer.score(state[0], wider);
        assertThat(step.state().names()).containsExactly("cpu", "mem", "forks", "extra");
        assertThat(step.scored().values()[0]).as("absent feature is missing").isNaN();
        assertThat(step.scored().z()[1]).isNotNaN();
        assertThat(step.scored().z()[3]).as("new feature warms up first").isNaN();
    }

    @Test
    void halfLifeLetsTheBaselineFollowALevelShift() {
        NodeScorer decaying = new NodeScorer(settings.withHalfLife(java.time.Duration.ofMinutes(1))
                .withUpdateOnAnomaly(true));
        NodeState state = null;
        for (int i = 0; i < 200; i++) {
            double level = i < 100 ? 50 : 80;
            state = decaying.score(state, sample(i * 10_000L, level + (i % 2), 20, i * 100)).state();
        }
        assertThat(state.stats().mean(0)).isCloseTo(80.5, within(0.5));
    }

    @Test
    void samplesMustComeInOrder() {
        NodeScorer scorer = new NodeScorer(settings);
        NodeState state = scorer.score(null, sample(10_000, 1, 1, 1)).state();
        assertThatThrownBy(() -> scorer.score(state, sample(10_000, 1, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not after");
    }

    @Test
    void aGaugeThatSatStillIsNotFlaggedForItsLastDigitButZeroRatesFlagTheirFirstEvent() {
        NodeScorer scorer = new NodeScorer(settings);
        NodeState state = null;
        for (int i = 0; i < 10; i++) {
            state = scorer.score(state, sample(i * 10_000L, 80.5205, 0, 1000)).state();
        }
        ScoredSample still = scorer.score(state, sample(100_000, 80.5204, 0, 1000)).scored();
        assertThat(still.anomaly()).isFalse();
        assertThat(still.z()[0]).isCloseTo(-0.00124, within(1e-5));
        ScoredSample forked = scorer.score(state, sample(100_000, 80.5205, 0, 1001)).scored();
        assertThat(forked.anomaly()).as("a counter that never moved, moving").isTrue();
    }

    @Test
    void topByAbsOrdersAndSkipsNaN() {
        int[] top = NodeScorer.topByAbs(new double[] {1, Double.NaN, -7, 3, 0.5}, 3);
        assertThat(top).containsExactly(2, 3, 0);
        assertThat(NodeScorer.topByAbs(new double[] {Double.NaN, 2}, 3)).containsExactly(1);
    }
}
