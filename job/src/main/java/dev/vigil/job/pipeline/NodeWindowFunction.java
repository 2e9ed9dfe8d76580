package dev.vigil.job.pipeline;

import dev.vigil.core.alerts.Incident;
import dev.vigil.core.alerts.IncidentRules;
import dev.vigil.core.alerts.WindowVote;
import dev.vigil.core.event.ScoredSample;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per node: sliding event-time windows built from panes, the models' verdict on every window, and the
 * node's incident.
 *
 * <p>A scored sample updates one pane (one slide of pre-aggregated {@link FeatureMoments}) in keyed state,
 * once, however many windows cover it; the panes are also kept in a cache on the heap, so a window is merged
 * without reading state back (a Flink sliding WindowOperator writes each sample into every window that
 * covers it). When the watermark passes a pane's end, the window that ends with it is merged from its panes, turned into the feature vector of {@link WindowFeatures} (the same code that
 * training uses), classified by every model, and given to the {@link IncidentRules}; then the oldest pane,
 * which no later window needs, is dropped. Windows keep firing after a node's last sample until they hold
 * none of its samples, exactly as the offline {@link dev.vigil.core.window.Windower} cuts them. Predictions
 * are the main output; incidents, each time they grow or close once reported, the {@link #incidents} side
 * output.
 */
public final class NodeWindowFunction extends KeyedProcessFunction<String, ScoredSample, WindowPrediction> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(NodeWindowFunction.class);

    private final WindowSettings settings;
    private final OutputTag<Incident> incidents;
    private transient SlidingWindows windows;
    private transient long slideMs;
    private transient ModelSet models;
    private transient MapState<Long, Pane> panes;
    private transient ValueState<Incident> incident;
    /**
     * For the sequence models: the node's last windows (values, oldest first), their feature list's hash and
     * the end of the newest. A window more than a window's length after the newest starts a new history
     * (as {@code WindowSequences} offline), and a timer then drops the old one.
     */
    private transient ListState<double[]> recent;
    private transient ValueState<Integer> recentNames;
    private transient ValueState<Long> recentEnd;
    private transient Map<List<String>, WindowFeatures> featureSets;
    private transient Map<String, TreeMap<Long, Pane>> cache;
    private transient Set<List<String>> warned;
    private transient Counter windowsEvaluated;
    private transient Counter incidentsOpened;
    private transient Counter lateSamples;

    public NodeWindowFunction(WindowSettings settings, OutputTag<Incident> incidents) {
        this.settings = settings;
        this.incidents = incidents;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        windows = settings.windows();
        slideMs = windows.slide().toMillis();
        Map<String, Path> files = new LinkedHashMap<>();
        settings.models().forEach((name, path) -> files.put(name, Path.of(path)));
        models = files.isEmpty() ? ModelSet.none() : ModelSet.load(files);
        panes = getRuntimeContext().getMapState(new MapStateDescriptor<>("panes", Types.LONG,
                new VigilTypes<>(Pane.class, PaneSerializer::new)));
        incident = getRuntimeContext().getState(new ValueStateDescriptor<>("incident", VigilTypes.INCIDENT));
        recent = getRuntimeContext().getListState(new ListStateDescriptor<>("recent-windows",
                PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
        recentNames = getRuntimeContext().getState(new ValueStateDescriptor<>("recent-windows-features", Types.INT));
        recentEnd = getRuntimeContext().getState(new ValueStateDescriptor<>("recent-windows-end", Types.LONG));
        featureSets = new HashMap<>();
        cache = new HashMap<>();
        warned = new HashSet<>();
        windowsEvaluated = getRuntimeContext().getMetricGroup().counter("windowsEvaluated");
        incidentsOpened = getRuntimeContext().getMetricGroup().counter("incidentsOpened");
        lateSamples = getRuntimeContext().getMetricGroup().counter("windowLateSamples");
    }

    @Override
    public void close() throws Exception {
        if (models != null) {
            models.close(); // TensorFlow models hold native sessions
        }
        super.close();
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

    @Override
    public void processElement(ScoredSample s, Context ctx, Collector<WindowPrediction> out) throws Exception {
        long p = windows.pane(s.ts());
        if (paneEnd(p) <= ctx.timerService().currentWatermark()) {
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
        ctx.timerService().registerEventTimeTimer(paneEnd(p));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<WindowPrediction> out) throws Exception {
        Incident before = incident.value();
        Incident now = before;
        if (Math.floorMod(timestamp + 1, slideMs) == 0) {
            now = evaluate(windows.pane(timestamp), ctx, before, out);
        }
        now = settings.incidents().closeIfQuiet(now, timestamp);
        if (models.history() > 1) {
            forgetHistory(timestamp);
        }
        if (now != before) {
            IncidentRules rules = settings.incidents();
            if (rules.reported(now)) {
                ctx.output(incidents, now);
                if (!rules.reported(before)) {
                    incidentsOpened.inc();
                }
            }
            if (now.closed()) {
                incident.clear();
            } else {
                incident.update(now);
                ctx.timerService().registerEventTimeTimer(rules.quietDeadline(now));
            }
        }
    }

    /**
     * The node's windows before {@code current} (oldest first) that the sequence models read, remembering
     * {@code current} for the next ones; none when no model reads sequences.
     */
    private List<WindowVector> earlier(WindowVector current, OnTimerContext ctx) throws Exception {
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
        ctx.timerService().registerEventTimeTimer(current.end() + length + 1); // forget it if no window follows
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
    private Incident evaluate(long last, OnTimerContext ctx, Incident current, Collector<WindowPrediction> out)
            throws Exception {
        long first = last - windows.panes() + 1;
        String node = ctx.getCurrentKey();
        TreeMap<Long, Pane> mine = panesOf(node);
        List<Pane> inWindow = new ArrayList<>(mine.subMap(first, true, last, true).values());
        if (!mine.subMap(first, false, last, true).isEmpty()) {
            // The next window still holds samples (panes beyond this window have timers of their own).
            ctx.timerService().registerEventTimeTimer(paneEnd(last + 1));
        }
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
        WindowVector vector = featureSets.computeIfAbsent(Arrays.asList(names), k -> new WindowFeatures(names))
                .vector(node, start, end, window, windows.expectedSamples());
        Integer label = vector.attack();
        windowsEvaluated.inc();
        if (models.size() > 0 && warned.add(Arrays.asList(names))) {
            models.firstProblem(vector.names()).ifPresent(problem -> LOG.warn(
                    "Windows of node {} are not classified by every model: {}", node, problem));
        }
        ModelSet.Verdicts verdicts = models.classify(vector, earlier(vector, ctx));
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
