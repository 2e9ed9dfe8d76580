package dev.vigil.job.pipeline;

import dev.vigil.core.event.FlowEvent;
import dev.vigil.core.flow.FlowPane;
import dev.vigil.core.flow.PeerHistory;
import dev.vigil.core.window.SlidingWindows;
import dev.vigil.sources.types.VigilTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;

/**
 * A key's flow panes and peer history in keyed state, as the node windows ({@link NodeWindows}) and the pod
 * windows ({@link PodFlowWindowFunction}) keep them: an event updates its pane unless the watermark passed
 * the pane's end (then it is counted late), a pane is closed against the history when its end timer fires,
 * and a pane is dropped once no window reaches back to it (a timer at the end of the first window after the
 * last that holds it makes sure of that).
 */
final class FlowPaneState {

    private final SlidingWindows windows;
    private final MapState<Long, FlowPane> panes;
    private final ValueState<PeerHistory> peers;
    private final Counter lateEvents;

    /** The state named {@code panesName} and {@code peersName}; late events counted as {@code lateCounter}. */
    FlowPaneState(RuntimeContext runtime, SlidingWindows windows, String panesName, String peersName,
            String lateCounter) {
        this.windows = windows;
        panes = runtime.getMapState(new MapStateDescriptor<>(panesName, Types.LONG,
                new VigilTypes<>(FlowPane.class, FlowPaneSerializer::new)));
        peers = runtime.getState(new ValueStateDescriptor<>(peersName,
                new VigilTypes<>(PeerHistory.class, PeerHistorySerializer::new)));
        lateEvents = runtime.getMetricGroup().counter(lateCounter);
    }

    private long paneEnd(long pane) {
        return windows.paneStart(pane + 1) - 1;
    }

    /** Adds an event of the current key to its pane, with a timer at the pane's end; one behind the watermark is counted late. */
    void add(FlowEvent e, TimerService timers) throws Exception {
        long p = windows.pane(e.ts());
        if (paneEnd(p) <= timers.currentWatermark()) {
            lateEvents.inc(); // stored with the events, but its windows were evaluated already
            return;
        }
        FlowPane pane = panes.get(p);
        if (pane == null) {
            pane = new FlowPane();
        }
        pane.add(e);
        panes.put(p, pane);
        timers.registerEventTimeTimer(paneEnd(p));
    }

    /**
     * Closes pane {@code p}, which just ended: counts its new peers against the key's history and remembers them,
     * and sets a timer at the end of the first window that no longer holds it, where it is dropped.
     */
    void close(long p, TimerService timers) throws Exception {
        FlowPane pane = panes.get(p);
        if (pane != null && !pane.closed()) {
            PeerHistory history = peers.value();
            if (history == null) {
                history = PeerHistory.defaults();
            }
            pane.close(history, windows.paneStart(p));
            panes.put(p, pane);
            peers.update(history);
            timers.registerEventTimeTimer(paneEnd(p + windows.panes())); // the first window without it
        }
    }

    /** The panes of the window [first, last], by pane; those before it, which no later window reads, are dropped. */
    NavigableMap<Long, FlowPane> window(long first, long last) throws Exception {
        NavigableMap<Long, FlowPane> inWindow = new TreeMap<>();
        List<Long> old = new ArrayList<>();
        for (Map.Entry<Long, FlowPane> e : panes.entries()) {
            if (e.getKey() < first) {
                old.add(e.getKey());
            } else if (e.getKey() <= last) {
                inWindow.put(e.getKey(), e.getValue());
            }
        }
        for (Long p : old) {
            panes.remove(p);
        }
        return inWindow;
    }
}
