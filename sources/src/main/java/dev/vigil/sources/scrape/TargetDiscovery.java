package dev.vigil.sources.scrape;

import java.io.Serializable;
import java.util.List;

/** Finds the scrape targets of a cluster; called by the source's enumerator every discovery interval. */
public interface TargetDiscovery extends Serializable {

    /** The targets as they are now; an exception keeps the previous list. */
    List<ScrapeTarget> discover() throws Exception;

    /** What is discovered, for logs and the web UI. */
    String describe();
}
