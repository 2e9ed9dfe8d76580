package dev.vigil.sources.scrape;

import java.io.Serializable;
import java.net.URI;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One node-exporter endpoint and the node its samples belong to; also the source's split (one per target).
 */
public record ScrapeTarget(String node, String url) implements SourceSplit, Serializable {

    public ScrapeTarget {
        URI uri = URI.create(url);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("scrape target must be an http(s) URL: " + url);
        }
        if (node == null || node.isBlank()) {
            throw new IllegalArgumentException("scrape target " + url + " has no node name");
        }
    }

    /**
     * A target as written in settings: {@code NODE=URL}, or a bare URL whose node is {@code defaultNode} or,
     * without one, the URL's host.
     */
    public static ScrapeTarget parse(String spec, String defaultNode) {
        String s = spec.strip();
        int eq = s.indexOf('=');
        int scheme = s.indexOf("://");
        if (eq > 0 && (scheme < 0 || eq < scheme)) {
            return new ScrapeTarget(s.substring(0, eq).strip(), s.substring(eq + 1).strip());
        }
        String node = defaultNode != null ? defaultNode : URI.create(s).getHost();
        return new ScrapeTarget(node, s);
    }

    /** The source name of this target's rows in rejected_records. */
    public String source() {
        return "scrape:" + url;
    }

    @Override
    public String splitId() {
        return url;
    }
}
