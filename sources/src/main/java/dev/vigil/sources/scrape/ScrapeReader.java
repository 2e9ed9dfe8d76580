package dev.vigil.sources.scrape;

import dev.vigil.core.event.ParsedRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrapes its targets on a fixed grid: a target's samples are stamped with the start of their interval
 * (multiples of the interval since the epoch), so every node's samples share the same times and a
 * replayed or retried scrape lands on the same row. Requests are asynchronous, so a slow or dead target
 * never delays the others; answers queue up and the task thread emits them.
 */
final class ScrapeReader implements SourceReader<ParsedRecord, ScrapeTarget> {

    private static final Logger LOG = LoggerFactory.getLogger(ScrapeReader.class);

    private final SourceReaderContext context;
    private final ScrapeSettings settings;
    private final Map<String, ScrapeTarget> targets = new LinkedHashMap<>();
    private final Map<String, ScheduledFuture<?>> schedules = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<Scraped> ready = new ConcurrentLinkedQueue<>();
    private final Object lock = new Object();
    private CompletableFuture<Void> available = new CompletableFuture<>();
    private ScheduledExecutorService timer;
    private ExecutorService parsing;
    private Scraper scraper;
    private Counter scrapesFailed;
    private Counter scrapesSucceeded;

    ScrapeReader(SourceReaderContext context, ScrapeSettings settings) {
        this.context = context;
        this.settings = settings;
    }

    @Override
    public void start() {
        int subtask = context.getIndexOfSubtask();
        timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "vigil-scrape-timer-" + subtask));
        parsing = Executors.newFixedThreadPool(2, r -> daemon(r, "vigil-scrape-" + subtask));
        scraper = new Scraper(settings, parsing);
        scrapesFailed = context.metricGroup().counter("scrapesFailed");
        scrapesSucceeded = context.metricGroup().counter("scrapesSucceeded");
        context.metricGroup().gauge("scrapeTargets", () -> {
            synchronized (lock) {
                return targets.size();
            }
        });
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public InputStatus pollNext(ReaderOutput<ParsedRecord> output) {
        Scraped scraped = ready.poll();
        if (scraped == null) {
            synchronized (lock) {
                if (targets.isEmpty()) {
                    // Nothing to scrape here (more readers than targets): do not hold back event time.
                    output.markIdle();
                }
            }
            return InputStatus.NOTHING_AVAILABLE;
        }
        // The slot is the record's time, for failed scrapes too: a target that keeps failing still moves
        // event time on, and does not hold back the samples of the others.
        output.collect(scraped.record(), scraped.slot());
        return ready.isEmpty() ? InputStatus.NOTHING_AVAILABLE : InputStatus.MORE_AVAILABLE;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        synchronized (lock) {
            if (!ready.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            if (available.isDone()) {
                available = new CompletableFuture<>();
            }
            return available;
        }
    }

    /** A record and the time of the scrape it came from. */
    private record Scraped(ParsedRecord record, long slot) {
    }

    private void offer(ParsedRecord[] records, long slot) {
        for (ParsedRecord r : records) {
            ready.add(new Scraped(r, slot));
        }
        if (records.length > 0 && records[0].isSample()) {
            scrapesSucceeded.inc();
        } else {
            scrapesFailed.inc();
        }
        CompletableFuture<Void> toComplete;
        synchronized (lock) {
            toComplete = available;
        }
        toComplete.complete(null);
    }

    @Override
    public List<ScrapeTarget> snapshotState(long checkpointId) {
        synchronized (lock) {
            return new ArrayList<>(targets.values());
        }
    }

    @Override
    public void addSplits(List<ScrapeTarget> splits) {
        long interval = settings.interval().toMillis();
        synchronized (lock) {
            for (ScrapeTarget t : splits) {
                if (targets.putIfAbsent(t.splitId(), t) != null) {
                    continue;
                }
                long now = System.currentTimeMillis();
                long delay = interval - Math.floorMod(now, interval);
                schedules.put(t.splitId(), timer.scheduleAtFixedRate(() -> scrape(t, interval), delay, interval,
                        TimeUnit.MILLISECONDS));
                LOG.info("Scraping {} for node {} every {} ms", t.url(), t.node(), interval);
            }
        }
    }

    private void scrape(ScrapeTarget target, long interval) {
        long now = System.currentTimeMillis();
        long slot = now - Math.floorMod(now, interval);
        if (now - slot > interval / 2) {
            slot += interval; // woken a little early: this run belongs to the next slot
        }
        long time = slot;
        scraper.scrape(target, slot).thenAccept(records -> offer(records, time));
    }

    @Override
    public void handleSourceEvents(SourceEvent event) {
        if (event instanceof TargetsEvent current) {
            synchronized (lock) {
                for (var it = targets.keySet().iterator(); it.hasNext(); ) {
                    String id = it.next();
                    if (!current.splitIds().contains(id)) {
                        it.remove();
                        ScheduledFuture<?> schedule = schedules.remove(id);
                        if (schedule != null) {
                            schedule.cancel(false);
                        }
                        LOG.info("Stopped scraping {}: no longer a target", id);
                    }
                }
                if (targets.isEmpty()) {
                    available.complete(null); // poll once more, to be marked idle
                }
            }
        }
    }

    @Override
    public void notifyNoMoreSplits() {
    }

    @Override
    public void close() throws Exception {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (parsing != null) {
            parsing.shutdownNow();
        }
    }
}
