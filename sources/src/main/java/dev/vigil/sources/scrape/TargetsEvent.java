package dev.vigil.sources.scrape;

import java.util.Set;
import org.apache.flink.api.connector.source.SourceEvent;

/** From the enumerator to its readers: the targets that exist now; a reader stops scraping all others. */
public record TargetsEvent(Set<String> splitIds) implements SourceEvent {
}
