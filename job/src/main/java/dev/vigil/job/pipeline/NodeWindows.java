package dev.vigil.job.pipeline;

import dev.vigil.core.alerts.Incident;
import dev.vigil.core.alerts.IncidentRules;
import dev.vigil.core.alerts.WindowVote;
import dev.vigil.core.event.FlowEvent;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.flow.FeatureSet;
import dev.vigil.core.flow.FlowPane;
import dev.vigil.core.flow.PeerHistory;
import dev.vigil.core.ml.ModelSet;
import dev.vigil.core.window.FeatureMoments;
import dev.vigil.core.window.SlidingWindows;
import dev.vigil.core.window.WindowFeatures;
import dev.vigil.core.window.WindowPrediction;
import dev.vigil.core.window.WindowVector;
import dev.vigil.job.WindowSettings;
import dev.vigil.sources.types.VigilTypes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-node window logic of {@link NodeWindowFunction} (node metrics) and {@link FusedWindowFunction}
 * (node metrics and flows), on the keyed state and timers of whichever runs it.
 *
 * <p>A scored sample updates one pane (one slide of pre-aggregated {@link FeatureMoments}) in keyed state,
 * once, however many windows cover it; the panes are also kept in a cache on the heap, so a window is merged
 * without reading state back (a Flink sliding WindowOperator writes each sample into every window that
 * covers it). A flow or event updates the node's {@link FlowPane} of the same pane. When the watermark passes
 * a pane's end, the flow pane is closed against the node's {@link PeerHistory} (its new peers counted), and
 * the window that ends with it is merged from its panes, turned into the feature vector of
 * {@link WindowFeatures} (joined with its flow features when flows are read: the same code that training
 * uses), classified by every model, and given to the {@link IncidentRules}; then the oldest panes, which no
 * later window needs, are dropped. Windows keep firing after a node's last sample until they hold none of
 * its samples, exactly as the offline {@link dev.vigil.core.window.Windower} cuts them; a node's flows
 * without samples are not windowed.
 */
final class NodeWindows {

    private static final Logger LOG = LoggerFactory.getLogger(NodeWindows.class);

    private final WindowSettings settings;
    private final FeatureSet featureSet;
    private final SlidingWindows windows;
    private long slideMs;
    private ModelSet models;
    private MapState<Long, Pane> panes;
    private ValueState<Incident> incident;
    /**
     * For the sequence models: the node's last windows (values, oldest first), their feature list's hash and
     * the end of the newest. A window more than a window's length after the newest starts a new history
     * (as {@code WindowSequences} offline), and a timer then drops the old one.
     */
    private ListState<double[]> recent;
    private ValueState<Integer> recentNames;
    private ValueState<Long> recentEnd;
    private Map<List<String>, WindowFeatures> featureSets;
    private Map<String, TreeMap<Long, Pane>> cache;
    private Set<List<String>> warned;
    private Counter windowsEvaluated;
    private Counter incidentsOpened;
    private Counter lateSamples;

    private FlowPaneState flowPanes;

    /** The windows of {@code settings}; with flows ({@code featureSet} fused), on flow state too. */
    NodeWindows(WindowSettings settings, FeatureSet featureSet, RuntimeContext runtime) throws Exception {
        this.settings = settings;
        this.featureSet = featureSet;
        windows = settings.windows();
        slideMs = windows.slide().toMillis();
        Map<String, Path> files = new LinkedHashMap<>();
        settings.models().forEach((name, path) -> files.put(name, Path.of(path)));
        models = files.isEmpty() ? ModelSet.none() : ModelSet.load(files);
        panes = runtime.getMapState(new MapStateDescriptor<>("panes", Types.LONG,
                new VigilTypes<>(Pane.class, PaneSerializer::new)));
        incident = runtime.getState(new ValueStateDescriptor<>("incident", VigilTypes.INCIDENT));
        recent = runtime.getListState(new ListStateDescriptor<>("recent-windows",
                PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
        recentNames = runtime.getState(new ValueStateDescriptor<>("recent-windows-features", Types.INT));
        recentEnd = runtime.getState(new ValueStateDescriptor<>("recent-windows-end", Types.LONG));
        featureSets = new HashMap<>();
        cache = new HashMap<>();
        warned = new HashSet<>();
        windowsEvaluated = runtime.getMetricGroup().counter("windowsEvaluated");
        incidentsOpened = runtime.getMetricGroup().counter("incidentsOpened");
        lateSamples = runtime.getMetricGroup().counter("windowLateSamples");
        if (featureSet != FeatureSet.METRICS) {
            flowPanes = new FlowPaneState(runtime, windows, "flow-panes", "known-peers", "windowLateEvents");
        }
    }

    void close() throws Exception {
        if (models != null) {
            models.close(); // TensorFlow models hold native sessions
        }
    }

    /**
     * The node's panes. They live in keyed state (written on every sample, so checkpoints hold them) and,
     * for reading, in this cache: a window is merged without reading state back. After a start or a
     * restore the cache is empty and a node's panes are read from state once.
     */
    private TreeMap<Long, Pane> panesOf(String node) throws Exception {
        TreeMap<Long, Pane> mine = cache.get(node);
        if (mine == null) {
            mine = new TreeMap<>();
            for (Map.Entry<Long, Pane> e : panes.entries()) {
                mine.put(e.getKey(), e.getValue());
            }
            cache.put(node, mine);
        }
        return mine;
    }

    private long paneEnd(long pane) {
        return windows.paneStart(pane + 1) - 1;
    }

    void sample(ScoredSample s, TimerService timers) throws Exception {
        long p = windows.pane(s.ts());
        if (paneEnd(p) <= timers.currentWatermark()) {
            // Cannot happen behind the scoring function, which emits in event-time order before the
            // watermark; counted rather than silently mixed into a window already evaluated.
            lateSamples.inc();
            return;
        }
        TreeMap<Long, Pane> mine = panesOf(s.node());
        Pane old = mine.get(p);
        // A copy, never the cached object changed in place: the heap backend may be snapshotting it.
        FeatureMoments moments = old == null || !Arrays.equals(old.names(), s.names())
                ? new FeatureMoments(s.names().length, windows.paneStart(p)) : old.moments().copy();
        moments.add(s.ts(), s.values(), s.z(), s.anomaly(), s.attack());
        Pane pane = new Pane(s.names(), moments);
        mine.put(p, pane);
        panes.put(p, pane);
        timers.registerEventTimeTimer(paneEnd(p));
    }

    /** Adds a flow or event of the current node to its pane; one behind the watermark is counted late. */
    void flow(FlowEvent e, TimerService timers) throws Exception {
        flowPanes.add(e, timers);
    }

    /** The timer at {@code timestamp} of {@code node}: pane ends, incident deadlines, history expiry. */
    void onTimer(long timestamp, String node, TimerService timers, Collector<WindowPrediction> out,
            Consumer<Incident> incidents) throws Exception {
        Incident before = incident.value();
        Incident now = before;
        if (Math.floorMod(timestamp + 1, slideMs) == 0) {
            long pane = windows.pane(timestamp);
            if (flowPanes != null) {
                flowPanes.close(pane, timers);
            }
            now = evaluate(pane, node, timers, before, out);
        }
        now = settings.incidents().closeIfQuiet(now, timestamp);
        if (models.history() > 1) {
            forgetHistory(timestamp);
        }
        if (now != before) {
            IncidentRules rules = settings.incidents();
            if (rules.reported(now)) {
                incidents.accept(now);
                if (!rules.reported(before)) {
                    incidentsOpened.inc();
                }
            }
            if (now.closed()) {
                incident.clear();
            } else {
                incident.update(now);
                timers.registerEventTimeTimer(rules.quietDeadline(now));
            }
        }
    }

    /**
     * The node's windows before {@code current} (oldest first) that the sequence models read, remembering
     * {@code current} for the next ones; none when no model reads sequences.
     */
    private List<WindowVector> earlier(WindowVector current, TimerService timers) throws Exception {
        int keep = models.history() - 1;
        if (keep == 0) {
            return List.of();
        }
        int names = Arrays.hashCode(current.names());
        long length = windows.size().toMillis();
        Long newest = recentEnd.value();
        List<double[]> values = new ArrayList<>();
        if (newest != null && current.end() - newest <= length && Integer.valueOf(names).equals(recentNames.value())) {
            recent.get().forEach(values::add);
        }
        List<WindowVector> earlier = new ArrayList<>(values.size());
        for (double[] v : values) {
            earlier.add(new WindowVector(current.node(), 0, 0, current.names(), v, null));
        }
        values.add(current.values());
        recent.update(values.subList(Math.max(0, values.size() - keep), values.size()));
        recentNames.update(names);
        recentEnd.update(current.end());
        timers.registerEventTimeTimer(current.end() + length + 1); // forget it if no window follows
        return earlier;
    }

    /** Drops the windows' history when the timer one past its reach fires and no newer window came. */
    private void forgetHistory(long timestamp) throws Exception {
        Long newest = recentEnd.value();
        if (newest != null && timestamp > newest + windows.size().toMillis()) {
            recent.clear();
            recentNames.clear();
            recentEnd.clear();
        }
    }

    /** Evaluates the window that ends with pane {@code last}; returns the node's incident after it. */
    private Incident evaluate(long last, String node, TimerService timers, Incident current,
            Collector<WindowPrediction> out) throws Exception {
        long first = last - windows.panes() + 1;
        TreeMap<Long, Pane> mine = panesOf(node);
        List<Pane> inWindow = new ArrayList<>(mine.subMap(first, true, last, true).values());
        if (!mine.subMap(first, false, last, true).isEmpty()) {
            // The next window still holds samples (panes beyond this window have timers of their own).
            timers.registerEventTimeTimer(paneEnd(last + 1));
        }
        Collection<FlowPane> flows = flowPanes == null ? List.of() : flowPanes.window(first, last).values();
        for (Long p : new ArrayList<>(mine.headMap(first, true).keySet())) {
            mine.remove(p); // no later window reaches back this far
            panes.remove(p);
        }
        if (mine.isEmpty()) {
            cache.remove(node);
            panes.clear(); // the heap backend keeps an emptied map otherwise
        }
        if (inWindow.isEmpty()) {
            return current;
        }
        String[] names = inWindow.get(inWindow.size() - 1).names();
        List<FeatureMoments> sameNames = new ArrayList<>(inWindow.size());
        for (Pane pane : inWindow) {
            if (Arrays.equals(pane.names(), names)) { // a node's feature list changed: newest list only
                sameNames.add(pane.moments());
            }
        }
        FeatureMoments window = windows.window(last, names.length, sameNames);
        long start = window.origin();
        long end = windows.paneStart(last + 1);
        WindowVector vector = featureSet.vector(featureSets.computeIfAbsent(Arrays.asList(names),
                k -> new WindowFeatures(names)).vector(node, start, end, window, windows.expectedSamples()), flows);
        Integer label = vector.attack();
        windowsEvaluated.inc();
        if (models.size() > 0 && warned.add(Arrays.asList(names))) {
            models.firstProblem(vector.names()).ifPresent(problem -> LOG.warn(
                    "Windows of node {} are not classified by every model: {}", node, problem));
        }
        ModelSet.Verdicts verdicts = models.classify(vector, earlier(vector, timers));
        String[] modelNames = models.names();
        for (int m = 0; m < modelNames.length; m++) {
            if (!Double.isNaN(verdicts.probability()[m])) {
                out.collect(new WindowPrediction(node, start, end, modelNames[m], verdicts.attack()[m],
                        verdicts.probability()[m], label));
            }
        }
        WindowVote vote = new WindowVote(end, window.flaggedFraction(), names, window.maxAbsZ(), modelNames,
                verdicts.attack(), verdicts.probability(), label);
        return settings.incidents().apply(node, current, vote);
    }
}
