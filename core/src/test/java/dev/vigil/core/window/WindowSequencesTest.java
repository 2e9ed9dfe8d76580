package dev.vigil.core.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A sequence is the node's last windows, oldest first, time-major under Tribuo's sorted feature numbering. */
class WindowSequencesTest {

    static WindowVector window(String node, long end, double... values) {
        return new WindowVector(node, end - 60_000, end, new String[] {"b_mean", "a_max"}, values, end > 40_000 ? 1 : 0);
    }

    @Test
    void eachWindowGetsItsNodesEarlierWindowsPaddedWithTheOldest() {
        List<WindowVector> windows = List.of(window("n1", 10_000, 1, 2), window("n2", 10_000, 9, 9),
                window("n1", 20_000, 3, 4), window("n1", 30_000, 5, 6), window("n1", 50_000, 7, 8));
        List<WindowVector> sequences = WindowSequences.sequences(windows, 3);
        assertThat(sequences).hasSize(5);
        assertThat(sequences.get(0).values()).containsExactly(1, 2, 1, 2, 1, 2);
        assertThat(sequences.get(1).values()).as("another node's history is its own").containsExactly(9, 9, 9, 9, 9, 9);
        assertThat(sequences.get(3).values()).containsExactly(1, 2, 3, 4, 5, 6);
        WindowVector last = sequences.get(4);
        assertThat(last.values()).containsExactly(3, 4, 5, 6, 7, 8);
        assertThat(last.end()).isEqualTo(50_000);
        assertThat(last.attack()).as("the label is the last window's").isEqualTo(1);
        assertThat(last.names()).containsExactly("t00.b_mean", "t00.a_max", "t01.b_mean", "t01.a_max", "t02.b_mean",
                "t02.a_max");
    }

    @Test
    void sortedNamesAreTimeMajorWithTheSameFeatureOrderInEveryStep() {
        String[] names = WindowSequences.names(new String[] {"b_mean", "a_max", "c"}, 12);
        String[] sorted = names.clone();
        Arrays.sort(sorted);
        for (int t = 0; t < 12; t++) {
            assertThat(Arrays.copyOfRange(sorted, t * 3, t * 3 + 3)).containsExactly(
                    String.format("t%02d.a_max", t), String.format("t%02d.b_mean", t), String.format("t%02d.c", t));
        }
        assertThat(WindowSequences.steps(List.of(names))).isEqualTo(12);
        assertThat(WindowSequences.steps(List.of("cpu_mean", "t00.x"))).as("single windows").isZero();
    }
}
