package dev.vigil.job.pipeline;

import dev.vigil.core.event.MetricSample;
import dev.vigil.core.scoring.NodeState;

/**
 * The keyed state of one node in a single value: its scoring state and the few samples that wait for the
 * watermark, in time order. One value means one state read and one write per node and mini-batch on RocksDB.
 */
public record NodeBuffer(NodeState state, MetricSample[] pending) {

    static final MetricSample[] NONE = new MetricSample[0];

    /** Whether a sample at {@code ts} is waiting already. */
    boolean isPending(long ts) {
        for (MetricSample s : pending) {
            if (s.ts() == ts) {
                return true;
            }
        }
        return false;
    }

    /** {@code arrived} as it waits: without its origin, which only rejections on arrival use. */
    static MetricSample waiting(MetricSample arrived) {
        return arrived.source() == null && arrived.location() == null ? arrived
                : new MetricSample(arrived.node(), arrived.ts(), arrived.names(), arrived.values(), arrived.attack(),
                        null, null);
    }

    /**
     * This buffer with {@code sample} inserted in time order. The sample waits without its origin (source
     * and location): a waiting sample is only ever scored, and rejections happen on arrival.
     */
    NodeBuffer withPending(MetricSample arrived) {
        MetricSample sample = waiting(arrived);
        MetricSample[] next = new MetricSample[pending.length + 1];
        int i = 0;
        while (i < pending.length && pending[i].ts() < sample.ts()) {
            next[i] = pending[i];
            i++;
        }
        next[i] = sample;
        System.arraycopy(pending, i, next, i + 1, pending.length - i);
        return new NodeBuffer(state, next);
    }
}
