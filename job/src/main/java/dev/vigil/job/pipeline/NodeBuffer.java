package dev.vigil.job.pipeline;

import dev.vigil.core.event.MetricSample;
import dev.vigil.core.scoring.NodeState;

/**
 * The keyed state of one node in a single value: its scoring state and the few samples that wait for the
 * watermark, in time order. One value means one state read and one write per node and mini-batch on RocksDB.
 */
public record NodeBuffer(NodeState state, MetricSample[] pending) {

    static final MetricSample[] NONE = new MetricSample[0];

    /**
     * {@code arrived} as it waits: without its origin (source and location), since a waiting sample is only
     * ever scored and rejections happen on arrival.
     */
    static MetricSample waiting(MetricSample arrived) {
        return arrived.source() == null && arrived.location() == null ? arrived
                : new MetricSample(arrived.node(), arrived.ts(), arrived.names(), arrived.values(), arrived.attack(),
                        null, null);
    }
}
