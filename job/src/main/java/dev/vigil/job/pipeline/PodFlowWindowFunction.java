package dev.vigil.job.pipeline;

import dev.vigil.core.event.FlowEvent;
import dev.vigil.core.flow.FlowFeatures;
import dev.vigil.core.flow.FlowPane;
import dev.vigil.core.flow.PeerHistory;
import dev.vigil.core.flow.PodWindow;
import dev.vigil.core.window.SlidingWindows;
import dev.vigil.sources.types.VigilTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per pod (keyed by {@code node/namespace/pod}): the flow features of its sliding windows, on the same panes
 * and with the same {@link FlowFeatures} as the node's fused windows, its new peers counted against the pod's
 * own history. A window is emitted when the watermark passes its end and it holds at least one of the pod's
 * events, so {@code pod_flow_windows} says which pod on a node scans, floods or exfiltrates.
 */
public final class PodFlowWindowFunction extends KeyedProcessFunction<String, FlowEvent, PodWindow> {

    private static final long serialVersionUID = 1L;

    private final SlidingWindows windows;
    private transient MapState<Long, FlowPane> panes;
    private transient ValueState<PeerHistory> peers;
    private transient Counter lateEvents;

    public PodFlowWindowFunction(SlidingWindows windows) {
        this.windows = windows;
    }

    @Override
    public void open(OpenContext context) {
        panes = getRuntimeContext().getMapState(new MapStateDescriptor<>("pod-flow-panes", Types.LONG,
                new VigilTypes<>(FlowPane.class, FlowPaneSerializer::new)));
        peers = getRuntimeContext().getState(new ValueStateDescriptor<>("pod-known-peers",
                new VigilTypes<>(PeerHistory.class, PeerHistorySerializer::new)));
        lateEvents = getRuntimeContext().getMetricGroup().counter("podWindowLateEvents");
    }

    private long paneEnd(long pane) {
        return windows.paneStart(pane + 1) - 1;
    }

    @Override
    public void processElement(FlowEvent e, Context ctx, Collector<PodWindow> out) throws Exception {
        long p = windows.pane(e.ts());
        if (paneEnd(p) <= ctx.timerService().currentWatermark()) {
            lateEvents.inc();
            return;
        }
        FlowPane pane = panes.get(p);
        if (pane == null) {
            pane = new FlowPane();
        }
        pane.add(e);
        panes.put(p, pane);
        ctx.timerService().registerEventTimeTimer(paneEnd(p));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PodWindow> out) throws Exception {
        long last = windows.pane(timestamp);
        long first = last - windows.panes() + 1;
        FlowPane ending = panes.get(last);
        if (ending != null && !ending.closed()) {
            PeerHistory history = peers.value();
            if (history == null) {
                history = PeerHistory.defaults();
            }
            ending.close(history, windows.paneStart(last));
            panes.put(last, ending);
            peers.update(history);
        }
        List<FlowPane> inWindow = new ArrayList<>();
        List<Long> old = new ArrayList<>();
        boolean later = false;
        for (Map.Entry<Long, FlowPane> e : panes.entries()) {
            if (e.getKey() < first + 1) {
                if (e.getKey() == first) {
                    inWindow.add(e.getValue());
                }
                old.add(e.getKey()); // the next window starts after it
            } else if (e.getKey() <= last) {
                inWindow.add(e.getValue());
                later = true;
            }
        }
        for (Long p : old) {
            panes.remove(p);
        }
        if (later) {
            ctx.timerService().registerEventTimeTimer(paneEnd(last + 1)); // the next window still holds events
        }
        if (!inWindow.isEmpty()) {
            String[] pod = ctx.getCurrentKey().split("/", 3);
            out.collect(new PodWindow(pod[0], pod.length == 3 ? pod[1] : "", pod.length == 3 ? pod[2] : "",
                    windows.windowStart(last), windows.paneStart(last + 1), FlowFeatures.extract(inWindow),
                    FlowFeatures.label(inWindow)));
        }
    }
}
