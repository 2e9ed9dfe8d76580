package dev.vigil.sources.scrape;

import java.io.Serializable;
import java.time.Duration;

/**
 * How targets are scraped: every {@code interval}, each request given up after {@code timeout}, a response
 * body of at most {@code maxBytes}, and the mapping's device filters and root mount point. Targets found
 * by discovery are refreshed every {@code discoveryInterval}.
 */
public record ScrapeSettings(Duration interval, Duration timeout, int maxBytes, DeviceFilter disks,
        DeviceFilter nics, String rootMountpoint, Duration discoveryInterval, int maxRejectedPayload)
        implements Serializable {

    public ScrapeSettings {
        if (interval.toMillis() < 100) {
            throw new IllegalArgumentException("scrape interval must be at least 100 ms, got " + interval);
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(interval) > 0) {
            throw new IllegalArgumentException("scrape timeout must be positive and at most the interval ("
                    + interval + "), got " + timeout);
        }
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("scrape body limit must be at least 1024 bytes, got " + maxBytes);
        }
    }

    public static ScrapeSettings defaults() {
        return new ScrapeSettings(Duration.ofSeconds(10), Duration.ofSeconds(5), 8 << 20, DeviceFilter.DISKS,
                DeviceFilter.NICS, "/", Duration.ofSeconds(30), 65_536);
    }

    public ScrapeSettings withInterval(Duration value, Duration newTimeout) {
        return new ScrapeSettings(value, newTimeout, maxBytes, disks, nics, rootMountpoint, discoveryInterval,
                maxRejectedPayload);
    }

    public ScrapeSettings withDiscoveryInterval(Duration value) {
        return new ScrapeSettings(interval, timeout, maxBytes, disks, nics, rootMountpoint, value, maxRejectedPayload);
    }

    public NodeExporterMapping mapping() {
        return new NodeExporterMapping(disks, nics, rootMountpoint);
    }
}
