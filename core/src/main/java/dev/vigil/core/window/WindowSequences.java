package dev.vigil.core.window;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The input of the sequence models (LSTM, GRU): a node's last {@code steps} windows, oldest first, as one
 * vector whose feature names carry the step ({@code t00.cpu_sec_idle_mean}, ..., {@code t05....}). Sorted by
 * name, which is how Tribuo numbers features, the values are time-major: step after step, each with the
 * same features in the same order, so a network can read them as {@code [steps, features]}. A node with fewer
 * windows than steps repeats its oldest one; a node's history restarts after a gap longer than a window (the
 * stream drops a node's panes and history then) and when its feature list changes. The stream and
 * {@code vigil train} both build sequences here.
 */
public final class WindowSequences {

    /** Six windows: a minute of history at the default 10 s slide, on top of the current window's minute. */
    public static final int DEFAULT_STEPS = 6;

    private static final Pattern STEP = Pattern.compile("t(\\d\\d)\\..+");

    private WindowSequences() {
    }

    /** The step-prefixed names of a sequence of windows named {@code features}. */
    public static String[] names(String[] features, int steps) {
        checkSteps(steps);
        String[] names = new String[features.length * steps];
        for (int t = 0; t < steps; t++) {
            String prefix = String.format("t%02d.", t);
            for (int f = 0; f < features.length; f++) {
                names[t * features.length + f] = prefix + features[f];
            }
        }
        return names;
    }

    /**
     * The sequence ending with the last of {@code windows} (oldest first, all of one node with the same
     * feature names): its span, label and node are the last window's.
     */
    public static WindowVector of(List<WindowVector> windows, int steps, String[] names) {
        checkSteps(steps);
        WindowVector last = windows.get(windows.size() - 1);
        int n = last.values().length;
        double[] values = new double[n * steps];
        for (int t = 0; t < steps; t++) {
            WindowVector w = windows.get(Math.max(0, windows.size() - steps + t));
            System.arraycopy(w.values(), 0, values, t * n, n);
        }
        return new WindowVector(last.node(), last.start(), last.end(), names, values, last.attack());
    }

    /** The sequence of every window in {@code windows}, in the same order: each with its node's earlier ones. */
    public static List<WindowVector> sequences(List<WindowVector> windows, int steps) {
        Map<String, List<WindowVector>> byNode = new LinkedHashMap<>();
        for (WindowVector w : windows) {
            byNode.computeIfAbsent(w.node(), k -> new ArrayList<>()).add(w);
        }
        Map<WindowVector, WindowVector> sequenceOf = new IdentityHashMap<>();
        Map<List<String>, String[]> namesOf = new LinkedHashMap<>();
        for (List<WindowVector> node : byNode.values()) {
            node.sort(Comparator.comparingLong(WindowVector::end));
            int first = 0; // a node's history restarts after a gap longer than a window, as in the stream
            for (int i = 0; i < node.size(); i++) {
                WindowVector w = node.get(i);
                if (i > 0 && (w.end() - node.get(i - 1).end() > w.end() - w.start()
                        || !Arrays.equals(w.names(), node.get(i - 1).names()))) {
                    first = i;
                }
                String[] names = namesOf.computeIfAbsent(List.of(w.names()), k -> names(w.names(), steps));
                sequenceOf.put(w, of(node.subList(Math.max(first, i - steps + 1), i + 1), steps, names));
            }
        }
        List<WindowVector> out = new ArrayList<>(windows.size());
        for (WindowVector w : windows) {
            out.add(sequenceOf.get(w));
        }
        return out;
    }

    /** The number of steps of a model that reads these feature names, or 0 when they are not a sequence's. */
    public static int steps(Iterable<String> featureNames) {
        int max = -1;
        for (String name : featureNames) {
            Matcher m = STEP.matcher(name);
            if (!m.matches()) {
                return 0;
            }
            max = Math.max(max, Integer.parseInt(m.group(1)));
        }
        return max + 1;
    }

    private static void checkSteps(int steps) {
        if (steps < 1 || steps > 99) {
            throw new IllegalArgumentException("sequence steps must be 1 to 99, got " + steps);
        }
    }
}
