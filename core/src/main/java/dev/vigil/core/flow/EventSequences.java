package dev.vigil.core.flow;

import dev.vigil.core.event.FlowEvent;
import dev.vigil.core.window.WindowSequences;
import dev.vigil.core.window.WindowVector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Event streams as sequences per pod, the input of {@code vigil train --format events}: each event is one
 * step, a vector of its name (one-hot over a vocabulary of the most frequent names, the rest as
 * {@code event=(other)}) and the time since the pod's previous event ({@code log_gap_s}, log10 of 1 + seconds),
 * labelled with the event's own label. The sequence models read a pod's last steps through
 * {@link WindowSequences} (a pod's history restarts after a quiet {@code gap}); the other models read one step.
 * A pod is keyed as {@code node/namespace/pod}; events without a pod form their node's sequence.
 */
public final class EventSequences {

    public static final Duration DEFAULT_GAP = Duration.ofMinutes(5);
    public static final int DEFAULT_VOCABULARY = 64;
    public static final String PREFIX = "event=";
    public static final String OTHER = "(other)";
    public static final String GAP = "log_gap_s";

    private EventSequences() {
    }

    /** The {@code size} most frequent event names of {@code events} (ties by name), the last place for all others. */
    public static List<String> vocabulary(Collection<FlowEvent> events, int size) {
        if (size < 2) {
            throw new IllegalArgumentException("a vocabulary needs at least 2 places");
        }
        Map<String, Long> counts = new HashMap<>();
        events.forEach(e -> counts.merge(e.name(), 1L, Long::sum));
        List<String> names = new ArrayList<>(counts.keySet());
        names.sort(Comparator.comparing((String n) -> -counts.get(n)).thenComparing(n -> n));
        List<String> out = new ArrayList<>(names.subList(0, Math.min(names.size(), size - 1)));
        out.add(OTHER);
        return out;
    }

    /** The vocabulary a model was trained with, read from its feature names (plain or step-prefixed). */
    public static List<String> vocabularyOf(Collection<String> modelFeatures) {
        List<String> out = new ArrayList<>();
        for (String f : modelFeatures) {
            String name = f.matches("t\\d\\d\\..*") ? f.substring(4) : f;
            if (name.startsWith(PREFIX) && !out.contains(name.substring(PREFIX.length()))) {
                out.add(name.substring(PREFIX.length()));
            }
        }
        if (!out.contains(OTHER)) {
            out.add(OTHER);
        }
        return out;
    }

    /** The feature names of a step over {@code vocabulary}. */
    public static String[] names(List<String> vocabulary) {
        String[] names = new String[vocabulary.size() + 1];
        for (int i = 0; i < vocabulary.size(); i++) {
            names[i] = PREFIX + vocabulary.get(i);
        }
        names[vocabulary.size()] = GAP;
        return names;
    }

    /** The pod an event belongs to, as the sequence key. */
    public static String podKey(FlowEvent e) {
        return e.pod() == null ? e.node() : e.node() + "/" + (e.namespace() == null ? "" : e.namespace()) + "/" + e.pod();
    }

    /**
     * Every event of {@code events} as a step (in time order per pod): the step's span is [ts − gap, ts], so a
     * pod's sequence restarts after a quiet {@code gap}.
     */
    public static List<WindowVector> steps(Collection<FlowEvent> events, List<String> vocabulary, Duration gap) {
        String[] names = names(vocabulary);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < vocabulary.size(); i++) {
            index.put(vocabulary.get(i), i);
        }
        int other = index.getOrDefault(OTHER, -1);
        Map<String, List<FlowEvent>> byPod = new LinkedHashMap<>();
        events.forEach(e -> byPod.computeIfAbsent(podKey(e), k -> new ArrayList<>()).add(e));
        List<WindowVector> out = new ArrayList<>(events.size());
        long gapMs = gap.toMillis();
        for (Map.Entry<String, List<FlowEvent>> pod : byPod.entrySet()) {
            List<FlowEvent> own = pod.getValue();
            own.sort(Comparator.comparingLong(FlowEvent::ts));
            long previous = Long.MIN_VALUE;
            for (FlowEvent e : own) {
                double[] v = new double[names.length];
                int i = index.getOrDefault(e.name(), other);
                if (i >= 0) {
                    v[i] = 1;
                }
                double seconds = previous == Long.MIN_VALUE ? gapMs / 1000.0 : Math.min(gapMs, e.ts() - previous) / 1000.0;
                v[names.length - 1] = Math.log10(1 + seconds);
                previous = e.ts();
                out.add(new WindowVector(pod.getKey(), e.ts() - gapMs, e.ts(), names, v, e.attack()));
            }
        }
        return out;
    }
}
