package dev.vigil.job.pipeline;

import dev.vigil.core.event.MetricSample;
import dev.vigil.core.event.Rejection;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.json.JsonText;
import dev.vigil.core.scoring.NodeScorer;
import dev.vigil.core.scoring.NodeState;
import dev.vigil.job.JobSettings;
import dev.vigil.sources.types.VigilTypes;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Per node, in keyed state: puts samples into event-time order, turns counters into rates and scores them
 * against the node's running baseline.
 *
 * <p>A sample waits in the node's buffer until the watermark passes its time, so samples that arrive out of
 * order within the allowed out-of-orderness are still scored in order. A sample at a time the node already
 * has (pending or scored) is a duplicate; one older than the node's last scored sample is late. Both are
 * rejected with their reason, never dropped. The node's state and its waiting samples are one value
 * ({@link NodeBuffer}), read and written once per sample; it expires after the configured TTL, so nodes
 * that vanish do not keep state forever.
 */
public final class NodeScoringFunction extends KeyedProcessFunction<String, MetricSample, ScoredSample> {

    private static final long serialVersionUID = 1L;

    private final JobSettings settings;
    private final OutputTag<Rejection> rejected;
    private transient NodeScorer scorer;
    private transient ValueState<NodeBuffer> node;
    private transient Counter samplesScored;
    private transient Counter anomaliesFlagged;
    private transient Counter recordsRejected;

    public NodeScoringFunction(JobSettings settings, OutputTag<Rejection> rejected) {
        this.settings = settings;
        this.rejected = rejected;
    }

    @Override
    public void open(OpenContext context) {
        scorer = new NodeScorer(settings.scoring());
        StateTtlConfig ttl = StateTtlConfig.newBuilder(settings.stateTtl())
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build();
        ValueStateDescriptor<NodeBuffer> nodeDescriptor = new ValueStateDescriptor<>("node",
                new VigilTypes<>(NodeBuffer.class, NodeBufferSerializer::new));
        nodeDescriptor.enableTimeToLive(ttl);
        node = getRuntimeContext().getState(nodeDescriptor);
        samplesScored = getRuntimeContext().getMetricGroup().counter("samplesScored");
        anomaliesFlagged = getRuntimeContext().getMetricGroup().counter("anomaliesFlagged");
        recordsRejected = getRuntimeContext().getMetricGroup().counter("recordsRejected");
    }

    @Override
    public void processElement(MetricSample sample, Context ctx, Collector<ScoredSample> out) throws Exception {
        NodeBuffer buffer = node.value();
        NodeState state = buffer == null ? null : buffer.state();
        long last = state == null || !state.hasPrevious() ? Long.MIN_VALUE : state.lastTs();
        if (sample.ts() == last || (buffer != null && buffer.isPending(sample.ts()))) {
            reject(ctx, sample, "duplicate sample: node " + sample.node() + " already has one at "
                    + Instant.ofEpochMilli(sample.ts()) + " (the first is kept)");
        } else if (sample.ts() < last) {
            reject(ctx, sample, "late sample: node " + sample.node() + " was already scored up to "
                    + Instant.ofEpochMilli(last) + "; raise vigil.watermark.out-of-orderness to accept it");
        } else {
            node.update((buffer == null ? new NodeBuffer(null, NodeBuffer.NONE) : buffer).withPending(sample));
            ctx.timerService().registerEventTimeTimer(sample.ts());
        }
    }

    /** Scores every waiting sample the watermark has passed, oldest first, in one state read and write. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ScoredSample> out) throws Exception {
        NodeBuffer buffer = node.value();
        if (buffer == null) {
            return; // expired by TTL
        }
        long watermark = Math.max(timestamp, ctx.timerService().currentWatermark());
        NodeState state = buffer.state();
        MetricSample[] pending = buffer.pending();
        int done = 0;
        while (done < pending.length && pending[done].ts() <= watermark) {
            NodeScorer.Step step = scorer.score(state, pending[done]);
            state = step.state();
            samplesScored.inc();
            if (step.scored().anomaly()) {
                anomaliesFlagged.inc();
            }
            out.collect(step.scored());
            if (pending[done].ts() != timestamp) {
                // Scored with this timer: its own timer has nothing left to do.
                ctx.timerService().deleteEventTimeTimer(pending[done].ts());
            }
            done++;
        }
        if (done > 0) {
            node.update(new NodeBuffer(state,
                    done == pending.length ? NodeBuffer.NONE : java.util.Arrays.copyOfRange(pending, done, pending.length)));
        }
    }

    private void reject(Context ctx, MetricSample sample, String reason) {
        recordsRejected.inc();
        String source = sample.source() != null ? sample.source() : "node:" + sample.node();
        String location = sample.location() != null ? sample.location()
                : sample.node() + "@" + Instant.ofEpochMilli(sample.ts());
        ctx.output(rejected, Rejection.of(source, location, reason, JsonText.sampleLine(sample),
                settings.maxRecordBytes()));
    }
}
