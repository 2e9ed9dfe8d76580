package dev.vigil.sources.scrape;

import dev.vigil.core.event.ParsedRecord;
import dev.vigil.sources.types.VigilTypes;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Scrapes Prometheus text endpoints (node-exporter) at a fixed interval: one split per target, targets
 * listed statically and/or found by a {@link TargetDiscovery}, added and removed while the job runs.
 * Unbounded; a live source replays nothing after a failure (the scrape it missed is simply not there).
 */
public final class ScrapeSource implements Source<ParsedRecord, ScrapeTarget, ScrapeEnumState>,
        ResultTypeQueryable<ParsedRecord> {

    private static final long serialVersionUID = 1L;

    private final List<ScrapeTarget> targets;
    private final TargetDiscovery discovery;
    private final ScrapeSettings settings;

    /** {@code discovery} may be null when all targets are listed. */
    public ScrapeSource(List<ScrapeTarget> targets, TargetDiscovery discovery, ScrapeSettings settings) {
        if (targets.isEmpty() && discovery == null) {
            throw new IllegalArgumentException("no scrape target: list one or configure discovery");
        }
        this.targets = List.copyOf(targets);
        this.discovery = discovery;
        this.settings = settings;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<ScrapeTarget, ScrapeEnumState> createEnumerator(
            SplitEnumeratorContext<ScrapeTarget> context) {
        return new ScrapeEnumerator(context, targets, discovery, settings.discoveryInterval(), null);
    }

    @Override
    public SplitEnumerator<ScrapeTarget, ScrapeEnumState> restoreEnumerator(
            SplitEnumeratorContext<ScrapeTarget> context, ScrapeEnumState checkpoint) {
        return new ScrapeEnumerator(context, targets, discovery, settings.discoveryInterval(), checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<ScrapeTarget> getSplitSerializer() {
        return new ScrapeSerializers.Split();
    }

    @Override
    public SimpleVersionedSerializer<ScrapeEnumState> getEnumeratorCheckpointSerializer() {
        return new ScrapeSerializers.EnumState();
    }

    @Override
    public SourceReader<ParsedRecord, ScrapeTarget> createReader(SourceReaderContext context) {
        return new ScrapeReader(context, settings);
    }

    @Override
    public TypeInformation<ParsedRecord> getProducedType() {
        return VigilTypes.PARSED;
    }
}
