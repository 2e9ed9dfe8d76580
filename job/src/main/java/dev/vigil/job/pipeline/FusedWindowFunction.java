package dev.vigil.job.pipeline;

import dev.vigil.core.alerts.Incident;
import dev.vigil.core.event.FlowEvent;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.flow.FeatureSet;
import dev.vigil.core.window.WindowPrediction;
import dev.vigil.job.WindowSettings;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Per node: sliding event-time windows of the node's metrics joined with its flows and events on the same
 * panes (fused feature vectors), the models' verdict on every window, and the node's incident (see
 * {@link NodeWindows}). The first input is the scored samples, the second the parsed flows and events, both
 * keyed by node; the watermark is the lower of the two inputs'.
 */
public final class FusedWindowFunction extends KeyedCoProcessFunction<String, ScoredSample, FlowEvent, WindowPrediction> {

    private static final long serialVersionUID = 1L;

    private final WindowSettings settings;
    private final OutputTag<Incident> incidents;
    private transient NodeWindows windows;

    public FusedWindowFunction(WindowSettings settings, OutputTag<Incident> incidents) {
        this.settings = settings;
        this.incidents = incidents;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        windows = new NodeWindows(settings, FeatureSet.FUSED, getRuntimeContext());
    }

    @Override
    public void close() throws Exception {
        if (windows != null) {
            windows.close();
        }
        super.close();
    }

    @Override
    public void processElement1(ScoredSample s, Context ctx, Collector<WindowPrediction> out) throws Exception {
        windows.sample(s, ctx.timerService());
    }

    @Override
    public void processElement2(FlowEvent e, Context ctx, Collector<WindowPrediction> out) throws Exception {
        windows.flow(e, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<WindowPrediction> out) throws Exception {
        windows.onTimer(timestamp, ctx.getCurrentKey(), ctx.timerService(), out, i -> ctx.output(incidents, i));
    }
}
