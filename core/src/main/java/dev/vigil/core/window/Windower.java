package dev.vigil.core.window;

import dev.vigil.core.event.ScoredSample;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Cuts one node's scored samples into sliding windows offline (training and evaluation), with the panes and
 * merge rules of {@link SlidingWindows} and {@link FeatureMoments}: a window is emitted for every pane that
 * ends one, as long as it holds at least one sample.
 */
public final class Windower {

    private final SlidingWindows windows;

    public Windower(SlidingWindows windows) {
        this.windows = windows;
    }

    /** The windows of every node in {@code samples} (each node's samples in time order), node after node. */
    public List<WindowVector> everyNode(List<ScoredSample> samples) {
        java.util.Map<String, List<ScoredSample>> byNode = new java.util.LinkedHashMap<>();
        for (ScoredSample s : samples) {
            byNode.computeIfAbsent(s.node(), n -> new ArrayList<>()).add(s);
        }
        List<WindowVector> all = new ArrayList<>();
        byNode.values().forEach(node -> all.addAll(windows(node)));
        return all;
    }

    /** The windows of {@code samples}, all of one node with the same feature names, in time order. */
    public List<WindowVector> windows(List<ScoredSample> samples) {
        if (samples.isEmpty()) {
            return List.of();
        }
        String node = samples.get(0).node();
        String[] names = samples.get(0).names();
        WindowFeatures features = new WindowFeatures(names);
        TreeMap<Long, FeatureMoments> panes = new TreeMap<>();
        for (ScoredSample s : samples) {
            if (!s.node().equals(node) || !java.util.Arrays.equals(s.names(), names)) {
                throw new IllegalArgumentException("windows are cut per node and feature list: " + s.node()
                        + " differs from " + node + " or its features do");
            }
            long pane = windows.pane(s.ts());
            panes.computeIfAbsent(pane, p -> new FeatureMoments(names.length, windows.paneStart(p)))
                    .add(s.ts(), s.values(), s.z(), s.anomaly(), s.attack());
        }
        List<WindowVector> out = new ArrayList<>();
        long firstPane = panes.firstKey();
        long lastPane = panes.lastKey() + windows.panes() - 1;
        for (long end = firstPane; end <= lastPane; end++) {
            FeatureMoments window = windows.window(end, names.length,
                    panes.subMap(end - windows.panes() + 1, true, end, true).values());
            if (window.samples() > 0) {
                out.add(features.vector(node, window.origin(), windows.paneStart(end + 1), window,
                        windows.expectedSamples()));
            }
        }
        return out;
    }
}
