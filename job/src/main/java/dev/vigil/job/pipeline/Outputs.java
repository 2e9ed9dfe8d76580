package dev.vigil.job.pipeline;

import dev.vigil.core.alerts.Incident;
import dev.vigil.core.event.FlowEvent;
import dev.vigil.core.event.RawEvent;
import dev.vigil.core.event.Rejection;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.flow.PodWindow;
import dev.vigil.core.window.WindowPrediction;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Where a job's results go: the scored samples, the rejected records, the windows' model predictions and
 * the incidents, and the flow/event records.
 */
public interface Outputs {

    void attach(DataStream<ScoredSample> scores, DataStream<Rejection> rejections);

    /** Where window predictions and incidents go; by default nowhere (an output that does not keep them). */
    default void attachWindows(DataStream<WindowPrediction> predictions, DataStream<Incident> incidents) {
    }

    /**
     * Where flow/event records go, as they arrived and as parsed; by default nowhere (an output that does not
     * keep them).
     */
    default void attachEvents(DataStream<RawEvent> raw, DataStream<FlowEvent> parsed) {
    }

    /** Where each pod's flow windows go; by default nowhere. */
    default void attachPodWindows(DataStream<PodWindow> windows) {
    }

    /** Both outputs of {@code a} and of {@code b}. */
    static Outputs both(Outputs a, Outputs b) {
        return new Outputs() {
            @Override
            public void attach(DataStream<ScoredSample> scores, DataStream<Rejection> rejections) {
                a.attach(scores, rejections);
                b.attach(scores, rejections);
            }

            @Override
            public void attachWindows(DataStream<WindowPrediction> predictions, DataStream<Incident> incidents) {
                a.attachWindows(predictions, incidents);
                b.attachWindows(predictions, incidents);
            }

            @Override
            public void attachEvents(DataStream<RawEvent> raw, DataStream<FlowEvent> parsed) {
                a.attachEvents(raw, parsed);
                b.attachEvents(raw, parsed);
            }

            @Override
            public void attachPodWindows(DataStream<PodWindow> windows) {
                a.attachPodWindows(windows);
                b.attachPodWindows(windows);
            }
        };
    }
}
