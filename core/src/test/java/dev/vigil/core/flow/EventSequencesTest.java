package dev.vigil.core.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.FlowEvent;
import dev.vigil.core.window.WindowSequences;
import dev.vigil.core.window.WindowVector;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventSequencesTest {

    private static FlowEvent event(String pod, long ts, String name, Integer attack) {
        return new FlowEvent("f", pod + ts, ts, "n1", pod, "ns", name, "syscall", Map.of(), attack);
    }

    @Test
    void vocabularyKeepsTheMostFrequentNamesAndTheRestAsOther() {
        List<FlowEvent> events = List.of(event("a", 1, "open", 0), event("a", 2, "open", 0), event("a", 3, "exec", 0),
                event("b", 4, "connect", 0), event("b", 5, "connect", 0), event("b", 6, "rare", 0));
        assertThat(EventSequences.vocabulary(events, 3)).containsExactly("connect", "open", EventSequences.OTHER);
        String[] names = EventSequences.names(List.of("connect", "open", EventSequences.OTHER));
        assertThat(names).containsExactly("event=connect", "event=open", "event=(other)", "log_gap_s");
        assertThat(EventSequences.vocabularyOf(List.of(WindowSequences.names(names, 3))))
                .containsExactly("connect", "open", EventSequences.OTHER);
    }

    @Test
    void eachEventIsAStepOfItsPodWithItsNameAndTheGapBeforeIt() {
        List<String> vocabulary = List.of("open", "exec", EventSequences.OTHER);
        List<FlowEvent> events = List.of(event("a", 10_000, "open", 0), event("b", 12_000, "exec", 1),
                event("a", 19_000, "mystery", 1), event("a", 1_000_000, "exec", 0));
        List<WindowVector> steps = EventSequences.steps(events, vocabulary, Duration.ofMinutes(5));
        assertThat(steps).extracting(WindowVector::node).containsExactly("n1/ns/a", "n1/ns/a", "n1/ns/a", "n1/ns/b");
        assertThat(steps.get(1).values()).containsExactly(0, 0, 1, Math.log10(1 + 9)); // other, 9 s after open
        assertThat(steps.get(1).attack()).isEqualTo(1);
        assertThat(steps.get(2).values()[3]).as("gap capped at the session gap").isEqualTo(Math.log10(1 + 300));
        List<WindowVector> sequences = WindowSequences.sequences(steps, 2);
        assertThat(sequences.get(1).values()).as("open, then other")
                .containsExactly(1, 0, 0, Math.log10(301), 0, 0, 1, Math.log10(10));
        assertThat(Arrays.copyOf(sequences.get(2).values(), 4)).as("after 16 quiet minutes the pod starts afresh")
                .containsExactly(sequences.get(2).values()[4], sequences.get(2).values()[5],
                        sequences.get(2).values()[6], sequences.get(2).values()[7]);
    }
}
