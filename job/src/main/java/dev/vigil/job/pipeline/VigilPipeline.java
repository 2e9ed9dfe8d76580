package dev.vigil.job.pipeline;

import dev.vigil.sources.types.VigilTypes;
import dev.vigil.core.alerts.Incident;
import dev.vigil.core.event.FlowEvent;
import dev.vigil.core.flow.EventSequences;
import dev.vigil.core.event.RawEvent;
import dev.vigil.core.event.MetricSample;
import dev.vigil.core.event.ParsedRecord;
import dev.vigil.core.event.Rejection;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.window.WindowPrediction;
import dev.vigil.job.JobSettings;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

/**
 * Vigil's topology, in one method that takes its inputs and outputs, so that main plugs in the real ones
 * and tests their own:
 * <pre>
 * inputs -> route (bad records -> rejections) -> keyBy(node) -> order, rates, z-score -> scores
 *                                                                  -> panes, windows, models -> predictions
 *                                                                                            -> incidents
 * event topics -> parse (bad records -> rejections) -> flow_events
 *                                                   -> event time -> keyBy(node) -> joined to the windows' panes
 *                                                                 -> keyBy(pod) -> pod flow windows
 * </pre>
 * Operator uids are part of the savepoint compatibility promise: "source-&lt;input&gt;", "route-&lt;input&gt;",
 * "score-nodes", "window-nodes" and the sinks' uids must not change between releases.
 */
public final class VigilPipeline {

    /** Side output of records that failed parsing, validation or ordering. */
    public static final OutputTag<Rejection> REJECTED = new OutputTag<>("rejected", VigilTypes.REJECTION);

    /** Side output of incidents as they open, grow and close. */
    public static final OutputTag<Incident> INCIDENTS = new OutputTag<>("incidents", VigilTypes.INCIDENT);

    private VigilPipeline() {
    }

    /** Adds the pipeline from {@code inputs} to {@code outputs} to {@code env}. */
    public static void build(StreamExecutionEnvironment env, List<Input> inputs, Outputs outputs,
            JobSettings settings) {
        build(env, inputs, List.of(), outputs, settings);
    }

    /**
     * The same, plus flow/event topics: their records go to the outputs as they arrived and parsed, those that
     * cannot be parsed to the rejections, and the parsed ones into the node's windows (fused features).
     */
    public static void build(StreamExecutionEnvironment env, List<Input> inputs, List<? extends EventsInput> events,
            Outputs outputs, JobSettings settings) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("at least one input is needed");
        }
        DataStream<MetricSample> samples = null;
        DataStream<Rejection> rejections = null;
        DataStream<FlowEvent> flows = null;
        for (EventsInput input : events) {
            DataStream<RawEvent> raw = input.attach(env, settings);
            SingleOutputStreamOperator<FlowEvent> parsed = raw
                    .process(new EventRouter(input.format(), settings.maxRecordBytes(), REJECTED), VigilTypes.FLOW_EVENT)
                    .name("parse events").uid("parse-events-" + input.id()).setParallelism(raw.getParallelism());
            outputs.attachEvents(raw, parsed);
            DataStream<FlowEvent> timed = parsed
                    .assignTimestampsAndWatermarks(Watermarks.forEvents(settings))
                    .name("event time").uid("event-time-" + input.id()).setParallelism(raw.getParallelism());
            flows = flows == null ? timed : flows.union(timed);
            rejections = rejections == null ? parsed.getSideOutput(REJECTED)
                    : rejections.union(parsed.getSideOutput(REJECTED));
        }
        for (Input input : inputs) {
            // The router runs chained to its source, at its parallelism, so each input keeps its order
            // up to keyBy: which of two duplicates is kept, or whether a sample is late, never depends on
            // thread timing.
            DataStream<ParsedRecord> records = input.attach(env, settings);
            SingleOutputStreamOperator<MetricSample> routed = records
                    .process(new RecordRouter(REJECTED), VigilTypes.SAMPLE)
                    .name("parse and validate").uid("route-" + input.id())
                    .setParallelism(records.getParallelism());
            samples = samples == null ? routed : samples.union(routed);
            DataStream<Rejection> bad = routed.getSideOutput(REJECTED);
            rejections = rejections == null ? bad : rejections.union(bad);
        }
        SingleOutputStreamOperator<ScoredSample> scores = samples
                .keyBy(MetricSample::node)
                .transform("rates and z-scores", VigilTypes.SCORED, new NodeScoringOperator(settings, REJECTED))
                .uid("score-nodes");
        outputs.attach(scores, rejections.union(scores.getSideOutput(REJECTED)));
        if (settings.windows().enabled()) {
            // The scores leave the scoring function partitioned by node: the windows run chained to it
            // without another shuffle.
            KeyedStream<ScoredSample, String> byNode = DataStreamUtils.reinterpretAsKeyedStream(scores, ScoredSample::node);
            SingleOutputStreamOperator<WindowPrediction> predictions = flows == null
                    ? byNode.process(new NodeWindowFunction(settings.windows(), INCIDENTS), VigilTypes.WINDOW_PREDICTION)
                            .name("windows, models and incidents").uid("window-nodes")
                    // With flows, each window's metric features are joined with its flow features: a
                    // two-input operator, which Flink does not chain to the scoring function.
                    : byNode.connect(flows.keyBy(FlowEvent::node))
                            .process(new FusedWindowFunction(settings.windows(), INCIDENTS), VigilTypes.WINDOW_PREDICTION)
                            .name("fused windows, models and incidents").uid("window-nodes");
            outputs.attachWindows(predictions, predictions.getSideOutput(INCIDENTS));
            if (flows != null) {
                outputs.attachPodWindows(flows.keyBy(EventSequences::podKey)
                        .process(new PodFlowWindowFunction(settings.windows().windows()), VigilTypes.POD_WINDOW)
                        .name("pod flow windows").uid("pod-flow-windows"));
            }
        }
    }
}
