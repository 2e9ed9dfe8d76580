package dev.vigil.job.pipeline;

import dev.vigil.core.event.FlowEvent;
import dev.vigil.core.flow.FlowFeatures;
import dev.vigil.core.flow.FlowPane;
import dev.vigil.core.flow.PodWindow;
import dev.vigil.core.window.SlidingWindows;
import java.util.NavigableMap;
import org.apache.flink.api.common.functions.OpenContext;
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
    private transient FlowPaneState panes;

    public PodFlowWindowFunction(SlidingWindows windows) {
        this.windows = windows;
    }

    @Override
    public void open(OpenContext context) {
        panes = new FlowPaneState(getRuntimeContext(), windows, "pod-flow-panes", "pod-known-peers",
                "podWindowLateEvents");
    }

    @Override
    public void processElement(FlowEvent e, Context ctx, Collector<PodWindow> out) throws Exception {
        panes.add(e, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PodWindow> out) throws Exception {
        long last = windows.pane(timestamp);
        long first = last - windows.panes() + 1;
        panes.close(last, ctx.timerService());
        NavigableMap<Long, FlowPane> inWindow = panes.window(first, last);
        if (!inWindow.tailMap(first, false).isEmpty()) {
            // The next window still holds events.
            ctx.timerService().registerEventTimeTimer(windows.paneStart(last + 2) - 1);
        }
        if (!inWindow.isEmpty()) {
            String[] pod = ctx.getCurrentKey().split("/", 3);
            out.collect(new PodWindow(pod[0], pod.length == 3 ? pod[1] : "", pod.length == 3 ? pod[2] : "",
                    windows.windowStart(last), windows.paneStart(last + 1), FlowFeatures.extract(inWindow.values()),
                    FlowFeatures.label(inWindow.values())));
        }
    }
}
