package dev.vigil.job.pipeline;

import dev.vigil.core.event.ParsedRecord;
import dev.vigil.job.JobSettings;
import dev.vigil.sources.scrape.ScrapeSettings;
import dev.vigil.sources.scrape.ScrapeSource;
import dev.vigil.sources.scrape.ScrapeTarget;
import dev.vigil.sources.scrape.TargetDiscovery;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Node metrics scraped live from node-exporter endpoints, listed and/or discovered ({@code discovery} may be null). */
public record ScrapeInput(List<ScrapeTarget> targets, TargetDiscovery discovery, ScrapeSettings scrape)
        implements Input {

    @Override
    public String id() {
        return "scrape";
    }

    @Override
    public DataStream<ParsedRecord> attach(StreamExecutionEnvironment env, JobSettings settings) {
        return env.fromSource(new ScrapeSource(targets, discovery, scrape), Watermarks.forStampedRecords(settings),
                        "scrape node-exporter")
                .uid("source-" + id());
    }
}
