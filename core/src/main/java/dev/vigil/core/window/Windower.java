package dev.vigil.core.window;

import dev.vigil.core.event.FlowEvent;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.flow.FeatureSet;
import dev.vigil.core.flow.FlowPane;
import dev.vigil.core.flow.PeerHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cuts one node's scored samples into sliding windows offline (training and evaluation), with the panes and
 * merge rules of {@link SlidingWindows} and {@link FeatureMoments}: a window is emitted for every pane that
 * ends one, as long as it holds at least one sample. The node's flows and events, when given, fill
 * {@link FlowPane}s on the same panes, closed in time order against the node's {@link PeerHistory}, and join
 * each window as the {@link FeatureSet} asks, exactly as the stream's fused windows.
 */
public final class Windower {

    private final SlidingWindows windows;

    public Windower(SlidingWindows windows) {
        this.windows = windows;
    }

    /** The windows of every node in {@code samples} (each node's samples in time order), node after node. */
    public List<WindowVector> everyNode(List<ScoredSample> samples) {
        return everyNode(samples, List.of(), FeatureSet.METRICS);
    }

    /**
     * The windows of every node in {@code samples}, with the features {@code set} names from the node's
     * samples and its events in {@code flows} (any order; those of nodes without samples are not windowed).
     */
    public List<WindowVector> everyNode(List<ScoredSample> samples, List<FlowEvent> flows, FeatureSet set) {
        Map<String, List<ScoredSample>> byNode = new LinkedHashMap<>();
        for (ScoredSample s : samples) {
            byNode.computeIfAbsent(s.node(), n -> new ArrayList<>()).add(s);
        }
        Map<String, List<FlowEvent>> flowsByNode = new LinkedHashMap<>();
        for (FlowEvent f : flows) {
            flowsByNode.computeIfAbsent(f.node(), n -> new ArrayList<>()).add(f);
        }
        List<WindowVector> all = new ArrayList<>();
        byNode.forEach((node, own) -> all.addAll(windows(own, flowsByNode.getOrDefault(node, List.of()), set)));
        return all;
    }

    /** The windows of {@code samples}, all of one node with the same feature names, in time order. */
    public List<WindowVector> windows(List<ScoredSample> samples) {
        return windows(samples, List.of(), FeatureSet.METRICS);
    }

    /**
     * The windows of one node's {@code samples} (same feature names, in time order) joined with its
     * {@code flows} (any order) as {@code set} says.
     */
    public List<WindowVector> windows(List<ScoredSample> samples, List<FlowEvent> flows, FeatureSet set) {
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
        TreeMap<Long, FlowPane> flowPanes = flowPanes(node, flows);
        List<WindowVector> out = new ArrayList<>();
        long firstPane = panes.firstKey();
        long lastPane = panes.lastKey() + windows.panes() - 1;
        for (long end = firstPane; end <= lastPane; end++) {
            FeatureMoments window = windows.window(end, names.length,
                    panes.subMap(end - windows.panes() + 1, true, end, true).values());
            if (window.samples() > 0) {
                WindowVector metrics = features.vector(node, window.origin(), windows.paneStart(end + 1), window,
                        windows.expectedSamples());
                out.add(set.vector(metrics, flowPanes.subMap(end - windows.panes() + 1, true, end, true).values()));
            }
        }
        return out;
    }

    /** One node's flows in panes, each closed in time order against the node's peer history. */
    private TreeMap<Long, FlowPane> flowPanes(String node, List<FlowEvent> flows) {
        TreeMap<Long, FlowPane> out = new TreeMap<>();
        for (FlowEvent f : flows) {
            if (!f.node().equals(node)) {
                throw new IllegalArgumentException("flows of node " + f.node() + " among those of " + node);
            }
            out.computeIfAbsent(windows.pane(f.ts()), p -> new FlowPane()).add(f);
        }
        PeerHistory history = PeerHistory.defaults();
        out.forEach((p, pane) -> pane.close(history, windows.paneStart(p)));
        return out;
    }
}
