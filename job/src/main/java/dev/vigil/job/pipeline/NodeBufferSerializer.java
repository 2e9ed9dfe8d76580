package dev.vigil.job.pipeline;

import dev.vigil.core.event.MetricSample;
import dev.vigil.core.scoring.NodeState;
import dev.vigil.core.stats.RunningStats;
import dev.vigil.sources.types.Codec;
import dev.vigil.sources.types.RecordTypeSerializer;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The node's keyed state in RocksDB and in checkpoints: the scoring state (names once, last time, last raw
 * values, the five statistics arrays) and the waiting samples, whose names cost one byte when they match
 * the state's. Copying is deep where the scorer mutates in place (the statistics), as the heap backend
 * needs for its copy-on-write snapshots.
 */
public final class NodeBufferSerializer extends RecordTypeSerializer<NodeBuffer> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public NodeBuffer copy(NodeBuffer from) {
        NodeState s = from.state();
        NodeState state = s == null ? null : new NodeState(s.names(), s.lastTs(), s.lastRaw(), s.stats().copy());
        return new NodeBuffer(state, from.pending()); // samples and the pending array are never mutated
    }

    @Override
    public NodeBuffer copy(NodeBuffer from, NodeBuffer reuse) {
        return copy(from);
    }

    @Override
    public void serialize(NodeBuffer buffer, DataOutputView out) throws IOException {
        NodeState s = buffer.state();
        out.writeBoolean(s != null);
        String[] names = null;
        if (s != null) {
            names = s.names();
            RunningStats stats = s.stats();
            if (stats.size() != names.length) {
                throw new IOException("node state of " + names.length + " features has statistics of " + stats.size());
            }
            Codec.writeNames(names, out);
            out.writeLong(s.lastTs());
            out.writeBoolean(s.lastRaw() != null);
            if (s.lastRaw() != null) {
                Codec.writeDoubles(s.lastRaw(), out);
            }
            for (long c : stats.count()) {
                out.writeLong(c);
            }
            Codec.writeDoubles(stats.w(), out);
            Codec.writeDoubles(stats.w2(), out);
            Codec.writeDoubles(stats.mean(), out);
            Codec.writeDoubles(stats.m2(), out);
        }
        out.writeInt(buffer.pending().length);
        for (MetricSample sample : buffer.pending()) {
            Codec.writeSample(sample, names, out);
        }
    }

    @Override
    public NodeBuffer deserialize(DataInputView in) throws IOException {
        NodeState state = null;
        String[] names = null;
        if (in.readBoolean()) {
            names = Codec.readNames(in);
            int n = names.length;
            long lastTs = in.readLong();
            double[] lastRaw = in.readBoolean() ? Codec.readDoubles(n, in) : null;
            long[] count = new long[n];
            for (int i = 0; i < n; i++) {
                count[i] = in.readLong();
            }
            RunningStats stats = new RunningStats(count, Codec.readDoubles(n, in), Codec.readDoubles(n, in),
                    Codec.readDoubles(n, in), Codec.readDoubles(n, in));
            state = new NodeState(names, lastTs, lastRaw, stats);
        }
        int waiting = in.readInt();
        MetricSample[] pending = waiting == 0 ? NodeBuffer.NONE : new MetricSample[waiting];
        for (int i = 0; i < waiting; i++) {
            pending[i] = Codec.readSample(names, in);
        }
        return new NodeBuffer(state, pending);
    }

    @Override
    public TypeSerializerSnapshot<NodeBuffer> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Version 1 of the encoding. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<NodeBuffer> {
        public Snapshot() {
            super(NodeBufferSerializer::new);
        }
    }
}
