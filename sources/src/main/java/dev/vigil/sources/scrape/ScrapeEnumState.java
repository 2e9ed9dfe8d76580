package dev.vigil.sources.scrape;

import java.util.List;

/** The enumerator's checkpoint: every target it knows, and those not yet handed to a reader. */
public record ScrapeEnumState(List<ScrapeTarget> known, List<ScrapeTarget> unassigned) {
}
