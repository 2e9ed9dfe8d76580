package dev.vigil.job.pipeline;

import dev.vigil.core.alerts.Incident;
import dev.vigil.core.event.FlowEvent;
import dev.vigil.core.event.RawEvent;
import dev.vigil.core.event.Rejection;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.flow.PodWindow;
import dev.vigil.core.window.WindowPrediction;
import dev.vigil.sinks.postgres.PostgresSettings;
import dev.vigil.sinks.postgres.PostgresSinks;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Writes samples to {@code node_metrics}, scores to {@code node_scores}, rejections to {@code rejected_records}
 * flow/event records to {@code raw_events} as they arrived and to {@code flow_events} as parsed, window predictions to {@code window_predictions},
 * incidents to {@code alerts} and each pod's flow windows to {@code pod_flow_windows}.
 */
public record PostgresOutputs(PostgresSettings settings) implements Outputs {

    @Override
    public void attach(DataStream<ScoredSample> scores, DataStream<Rejection> rejections) {
        scores.sinkTo(PostgresSinks.nodeMetrics(settings)).name("postgres node_metrics").uid("sink-node-metrics");
        scores.sinkTo(PostgresSinks.nodeScores(settings)).name("postgres node_scores").uid("sink-node-scores");
        rejections.sinkTo(PostgresSinks.rejections(settings)).name("postgres rejected_records")
                .uid("sink-rejected-records");
    }

    @Override
    public void attachWindows(DataStream<WindowPrediction> predictions, DataStream<Incident> incidents) {
        predictions.sinkTo(PostgresSinks.windowPredictions(settings)).name("postgres window_predictions")
                .uid("sink-window-predictions");
        incidents.sinkTo(PostgresSinks.alerts(settings)).name("postgres alerts").uid("sink-alerts");
    }

    @Override
    public void attachEvents(DataStream<RawEvent> raw, DataStream<FlowEvent> parsed) {
        raw.sinkTo(PostgresSinks.rawEvents(settings)).name("postgres raw_events").uid("sink-raw-events");
        parsed.sinkTo(PostgresSinks.flowEvents(settings)).name("postgres flow_events").uid("sink-flow-events");
    }

    @Override
    public void attachPodWindows(DataStream<PodWindow> windows) {
        windows.sinkTo(PostgresSinks.podFlowWindows(settings)).name("postgres pod_flow_windows")
                .uid("sink-pod-flow-windows");
    }
}
