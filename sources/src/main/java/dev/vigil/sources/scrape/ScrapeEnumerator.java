package dev.vigil.sources.scrape;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each target to one reader (by a hash of its URL, so a target stays with its reader) and keeps the
 * set of targets current: discovery adds and removes targets; after every change, and whenever a reader
 * (re)registers, each reader is told the full current set so it drops targets that are gone.
 */
final class ScrapeEnumerator implements SplitEnumerator<ScrapeTarget, ScrapeEnumState> {

    private static final Logger LOG = LoggerFactory.getLogger(ScrapeEnumerator.class);

    private final SplitEnumeratorContext<ScrapeTarget> context;
    private final List<ScrapeTarget> listed;
    private final TargetDiscovery discovery;
    private final Duration discoveryInterval;
    private final Map<String, ScrapeTarget> known = new LinkedHashMap<>();
    private final Map<String, ScrapeTarget> unassigned = new LinkedHashMap<>();

    ScrapeEnumerator(SplitEnumeratorContext<ScrapeTarget> context, List<ScrapeTarget> listed,
            TargetDiscovery discovery, Duration discoveryInterval, ScrapeEnumState restored) {
        this.context = context;
        this.listed = listed;
        this.discovery = discovery;
        this.discoveryInterval = discoveryInterval;
        if (restored != null) {
            restored.known().forEach(t -> known.put(t.splitId(), t));
            restored.unassigned().forEach(t -> unassigned.put(t.splitId(), t));
        }
    }

    @Override
    public void start() {
        if (discovery == null) {
            update(listed); // the listed targets are all there is: drop restored ones no longer listed
        } else {
            for (ScrapeTarget t : listed) {
                add(t);
            }
            LOG.info("Discovering scrape targets in {} every {}", discovery.describe(), discoveryInterval);
            context.callAsync(discovery::discover, this::discovered, 0, discoveryInterval.toMillis());
        }
    }

    private void discovered(List<ScrapeTarget> found, Throwable error) {
        if (error != null) {
            LOG.warn("Discovery of scrape targets in {} failed; keeping the {} known targets", discovery.describe(),
                    known.size(), error);
            return;
        }
        List<ScrapeTarget> all = new ArrayList<>(listed);
        all.addAll(found);
        update(all);
    }

    /** Makes {@code targets} the current set: new ones are assigned, vanished ones dropped everywhere. */
    private void update(List<ScrapeTarget> targets) {
        Map<String, ScrapeTarget> next = new LinkedHashMap<>();
        targets.forEach(t -> next.putIfAbsent(t.splitId(), t));
        boolean changed = known.keySet().retainAll(next.keySet());
        unassigned.keySet().retainAll(next.keySet());
        for (ScrapeTarget t : next.values()) {
            changed |= add(t);
        }
        if (changed) {
            LOG.info("Scraping {} targets", known.size());
            assignPending();
            tellReaders();
        }
    }

    private boolean add(ScrapeTarget t) {
        if (known.containsKey(t.splitId())) {
            return false;
        }
        known.put(t.splitId(), t);
        unassigned.put(t.splitId(), t);
        return true;
    }

    private void assignPending() {
        Set<Integer> readers = context.registeredReaders().keySet();
        int parallelism = context.currentParallelism();
        for (var it = unassigned.values().iterator(); it.hasNext(); ) {
            ScrapeTarget t = it.next();
            int owner = Math.floorMod(t.splitId().hashCode(), parallelism);
            if (readers.contains(owner)) {
                context.assignSplit(t, owner);
                it.remove();
            }
        }
    }

    private void tellReaders() {
        TargetsEvent event = new TargetsEvent(Set.copyOf(known.keySet()));
        for (int reader : context.registeredReaders().keySet()) {
            context.sendEventToSourceReader(reader, event);
        }
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // Readers do not ask: targets are pushed.
    }

    @Override
    public void addSplitsBack(List<ScrapeTarget> splits, int subtaskId) {
        for (ScrapeTarget t : splits) {
            if (known.containsKey(t.splitId())) {
                unassigned.put(t.splitId(), t);
            }
        }
    }

    @Override
    public void addReader(int subtaskId) {
        context.sendEventToSourceReader(subtaskId, new TargetsEvent(Set.copyOf(known.keySet())));
        assignPending();
    }

    @Override
    public ScrapeEnumState snapshotState(long checkpointId) {
        return new ScrapeEnumState(List.copyOf(known.values()), List.copyOf(unassigned.values()));
    }

    @Override
    public void close() {
    }
}
