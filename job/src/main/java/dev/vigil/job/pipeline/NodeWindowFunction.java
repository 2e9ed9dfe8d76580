package dev.vigil.job.pipeline;

import dev.vigil.core.alerts.Incident;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.flow.FeatureSet;
import dev.vigil.core.window.WindowPrediction;
import dev.vigil.job.WindowSettings;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Per node: sliding event-time windows of the node's metrics, the models' verdict on every window, and the
 * node's incident (see {@link NodeWindows}). Predictions are the main output; incidents, each time they grow
 * or close once reported, the {@code incidents} side output. Runs chained to the scoring function.
 */
public final class NodeWindowFunction extends KeyedProcessFunction<String, ScoredSample, WindowPrediction> {

    private static final long serialVersionUID = 1L;

    private final WindowSettings settings;
    private final OutputTag<Incident> incidents;
    private transient NodeWindows windows;

    public NodeWindowFunction(WindowSettings settings, OutputTag<Incident> incidents) {
        this.settings = settings;
        this.incidents = incidents;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        windows = new NodeWindows(settings, FeatureSet.METRICS, getRuntimeContext());
    }

    @Override
    public void close() throws Exception {
        if (windows != null) {
            windows.close();
        }
        super.close();
    }

    @Override
    public void processElement(ScoredSample s, Context ctx, Collector<WindowPrediction> out) throws Exception {
        windows.sample(s, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<WindowPrediction> out) throws Exception {
        windows.onTimer(timestamp, ctx.getCurrentKey(), ctx.timerService(), out, i -> ctx.output(incidents, i));
    }
}
