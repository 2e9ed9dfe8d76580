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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;

/**
 * Per node, in keyed state: puts samples into event-time order, turns counters into rates and scores them
 * against the node's running baseline.
 *
 * <p>A sample waits until the watermark passes its time, so samples that arrive out of order within the
 * allowed out-of-orderness are still scored in order. A sample at a time the node already has (waiting or
 * scored) is a duplicate; one older than the node's last scored sample is late. Both are rejected with
 * their reason, never dropped. The node's state and its waiting samples are one value ({@link NodeBuffer})
 * that expires after the configured TTL, so nodes that vanish do not keep state for ever.
 *
 * <p>Mini-batches: arrivals are first collected in operator memory, each with the watermark current at its
 * arrival, and the watermark is held while any wait there. A flush (when the batch is full, when its
 * allowed latency has passed, before every checkpoint barrier, on a change of watermark status and at the
 * end of input) replays each node's arrivals and watermarks in their order against the node's state: one
 * state read and one write per node and batch instead of per sample, with exactly the decisions and scores
 * of handling them one at a time, so results never depend on where a batch ended. Memory holds nothing at
 * a checkpoint. With a batch size of 1 every record is handled on arrival.
 *
 * <p>State and timers are those of the keyed process function this replaced (value state {@code node},
 * timers {@code user-timers}), so savepoints of earlier versions restore. A node with waiting samples in
 * state has one event-time timer, at its oldest waiting sample, for when no more samples arrive.
 */
public final class NodeScoringOperator extends AbstractStreamOperator<ScoredSample>
        implements OneInputStreamOperator<MetricSample, ScoredSample>, Triggerable<String, VoidNamespace> {

    private static final long serialVersionUID = 1L;
    private static final long NO_TIMER = Long.MIN_VALUE;

    private final JobSettings settings;
    private final OutputTag<Rejection> rejected;
    private transient NodeScorer scorer;
    private transient ValueState<NodeBuffer> node;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient StreamRecord<ScoredSample> reuse;
    private transient Counter samplesScored;
    private transient Counter anomaliesFlagged;
    private transient Counter recordsRejected;

    /** Arrivals waiting in memory, by node in order of first arrival, each node's in arrival order. */
    private transient Map<String, List<Arrival>> batch;
    private transient int batched;
    /** The newest watermark received. */
    private transient long watermark;
    /** The newest watermark passed on to the timers and downstream; behind {@link #watermark} while held. */
    private transient long forwarded;
    private transient boolean flushScheduled;

    /** A sample and the watermark that was current when it arrived. */
    private record Arrival(MetricSample sample, long watermark) {
    }

    /** A node's new timer, registered once the flush's watermark has gone through. */
    private record NodeTimer(String node, long time) {
    }

    public NodeScoringOperator(JobSettings settings, OutputTag<Rejection> rejected) {
        this.settings = settings;
        this.rejected = rejected;
    }

    @Override
    public void open() throws Exception {
        super.open();
        scorer = new NodeScorer(settings.scoring());
        StateTtlConfig ttl = StateTtlConfig.newBuilder(settings.stateTtl())
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build();
        ValueStateDescriptor<NodeBuffer> nodeDescriptor = new ValueStateDescriptor<>("node",
                new VigilTypes<>(NodeBuffer.class, NodeBufferSerializer::new));
        nodeDescriptor.enableTimeToLive(ttl);
        node = getRuntimeContext().getState(nodeDescriptor);
        timers = getInternalTimerService("user-timers", VoidNamespaceSerializer.INSTANCE, this);
        reuse = new StreamRecord<>(null);
        samplesScored = getMetricGroup().counter("samplesScored");
        anomaliesFlagged = getMetricGroup().counter("anomaliesFlagged");
        recordsRejected = getMetricGroup().counter("recordsRejected");
        batch = new LinkedHashMap<>();
        watermark = Long.MIN_VALUE;
        forwarded = Long.MIN_VALUE;
    }

    @Override
    public void processElement(StreamRecord<MetricSample> element) throws Exception {
        MetricSample sample = element.getValue();
        batch.computeIfAbsent(sample.node(), k -> new ArrayList<>()).add(new Arrival(sample, watermark));
        batched++;
        if (batched >= settings.scoringBatchSize()) {
            flush();
        } else if (!flushScheduled) {
            flushScheduled = true;
            long due = getProcessingTimeService().getCurrentProcessingTime()
                    + settings.scoringBatchLatency().toMillis();
            getProcessingTimeService().registerTimer(due, time -> {
                flushScheduled = false;
                flush();
            });
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = mark.getTimestamp();
        if (batched == 0) {
            forward();
        } else if (watermark == Long.MAX_VALUE) {
            flush();
        }
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        flush();
        super.processWatermarkStatus(status);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    /**
     * Handles every arrival in memory, then passes the held watermark on, which fires the timers of the
     * nodes without arrivals. The nodes of the batch have already seen that watermark in their replay: their
     * old timers are deleted before it passes and their new ones registered after, so that a sample that
     * arrived behind the watermark waits for the next one, as it would have alone.
     */
    private void flush() throws Exception {
        List<NodeTimer> newTimers = new ArrayList<>();
        for (Map.Entry<String, List<Arrival>> entry : batch.entrySet()) {
            setCurrentKey(entry.getKey());
            long timer = replay(entry.getValue());
            if (timer != NO_TIMER) {
                newTimers.add(new NodeTimer(entry.getKey(), timer));
            }
        }
        batch.clear();
        batched = 0;
        forward();
        for (NodeTimer t : newTimers) {
            setCurrentKey(t.node());
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, t.time());
        }
    }

    private void forward() throws Exception {
        if (watermark > forwarded) {
            forwarded = watermark;
            super.processWatermark(new Watermark(watermark));
        }
    }

    /**
     * One node's arrivals, in order, as if each had been handled alone, with one state read and one write.
     * A watermark newer than the last one the node saw scores the samples it has passed, before the arrival
     * that came after it; the newest watermark, if it came after the last arrival, at the end. Returns the
     * node's new timer to register, or {@link #NO_TIMER} if it keeps the one it has or needs none.
     */
    private long replay(List<Arrival> arrivals) throws Exception {
        Node n = new Node(node.value());
        long timerBefore = n.pending.isEmpty() ? NO_TIMER : n.pending.get(0).ts();
        long seen = forwarded;
        for (Arrival arrival : arrivals) {
            if (arrival.watermark() > seen) {
                seen = arrival.watermark();
                n.scoreUpTo(seen);
            }
            n.arrive(arrival.sample());
        }
        if (watermark > seen) {
            n.scoreUpTo(watermark);
        }
        if (n.changed) {
            node.update(n.buffer());
        }
        long timerAfter = n.pending.isEmpty() ? NO_TIMER : n.pending.get(0).ts();
        if (timerAfter == timerBefore) {
            return NO_TIMER;
        }
        if (timerBefore != NO_TIMER) {
            timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, timerBefore);
        }
        return timerAfter;
    }

    /**
     * The watermark passed a node's oldest waiting sample and no arrival of the node handled it: the samples
     * it passed are scored. A node with waiting samples has one timer, at the oldest; one registered behind
     * the watermark (its sample arrived late for it) fires with the next watermark.
     */
    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        NodeBuffer buffer = node.value();
        if (buffer == null) {
            return; // expired by TTL
        }
        Node n = new Node(buffer);
        n.scoreUpTo(Math.max(timer.getTimestamp(), timers.currentWatermark()));
        if (n.changed) {
            node.update(n.buffer());
        }
        if (!n.pending.isEmpty()) {
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, n.pending.get(0).ts());
        }
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {
        // No keyed processing-time timers: batches are flushed by the processing-time service's callback.
    }

    /** A node's state and waiting samples while its arrivals are handled. */
    private final class Node {
        NodeState state;
        final List<MetricSample> pending;
        boolean changed;

        Node(NodeBuffer buffer) {
            state = buffer == null ? null : buffer.state();
            pending = buffer == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList(buffer.pending()));
        }

        NodeBuffer buffer() {
            return new NodeBuffer(state, pending.isEmpty() ? NodeBuffer.NONE : pending.toArray(NodeBuffer.NONE));
        }

        /** Scores the waiting samples the watermark has passed, oldest first. */
        void scoreUpTo(long watermark) {
            int done = 0;
            while (done < pending.size() && pending.get(done).ts() <= watermark) {
                NodeScorer.Step step = scorer.score(state, pending.get(done));
                state = step.state();
                samplesScored.inc();
                if (step.scored().anomaly()) {
                    anomaliesFlagged.inc();
                }
                output.collect(reuse.replace(step.scored(), step.scored().ts()));
                done++;
            }
            if (done > 0) {
                pending.subList(0, done).clear();
                changed = true;
            }
        }

        /** Rejects a duplicate or late sample, or puts it among the waiting ones in time order. */
        void arrive(MetricSample sample) {
            long last = state == null || !state.hasPrevious() ? Long.MIN_VALUE : state.lastTs();
            int at = position(sample.ts());
            if (sample.ts() == last || at < 0) {
                reject(sample, "duplicate sample: node " + sample.node() + " already has one at "
                        + Instant.ofEpochMilli(sample.ts()) + " (the first is kept)");
            } else if (sample.ts() < last) {
                reject(sample, "late sample: node " + sample.node() + " was already scored up to "
                        + Instant.ofEpochMilli(last) + "; raise vigil.watermark.out-of-orderness to accept it");
            } else {
                pending.add(at, NodeBuffer.waiting(sample));
                changed = true;
            }
        }

        /** Where a sample at {@code ts} goes among the waiting ones, or -1 if one is there already. */
        private int position(long ts) {
            int i = pending.size();
            while (i > 0 && pending.get(i - 1).ts() > ts) {
                i--; // arrivals are mostly in order: search from the newest
            }
            return i > 0 && pending.get(i - 1).ts() == ts ? -1 : i;
        }
    }

    private void reject(MetricSample sample, String reason) {
        recordsRejected.inc();
        String source = sample.source() != null ? sample.source() : "node:" + sample.node();
        String location = sample.location() != null ? sample.location()
                : sample.node() + "@" + Instant.ofEpochMilli(sample.ts());
        output.collect(rejected, new StreamRecord<>(Rejection.of(source, location, reason,
                JsonText.sampleLine(sample), settings.maxRecordBytes())));
    }
}
