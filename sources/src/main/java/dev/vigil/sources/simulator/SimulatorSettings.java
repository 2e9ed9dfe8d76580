package dev.vigil.sources.simulator;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * The simulated cluster: how many nodes, the random seed, the simulated start and span, the sample
 * interval, and how many attack episodes are injected (spread over the span after a calm first fifth).
 */
public record SimulatorSettings(int nodes, long seed, Instant start, Duration span, Duration interval, int episodes)
        implements Serializable {

    public static final Instant DEFAULT_START = Instant.parse("2026-01-05T06:00:00Z");

    public SimulatorSettings {
        if (nodes < 1 || nodes > 100_000) {
            throw new IllegalArgumentException("nodes must be between 1 and 100000, was " + nodes);
        }
        if (interval.toMillis() < 1) {
            throw new IllegalArgumentException("interval must be at least 1 ms");
        }
        if (span.compareTo(interval.multipliedBy(10)) < 0) {
            throw new IllegalArgumentException("span must hold at least 10 intervals");
        }
        if (episodes < 0) {
            throw new IllegalArgumentException("episodes must not be negative");
        }
    }

    /** 20 nodes, seed 42, 12 simulated hours from 06:00 UTC, one sample per node every 10 s, 8 episodes. */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings(20, 42, DEFAULT_START, Duration.ofHours(12), Duration.ofSeconds(10), 8);
    }

    /** Samples per node over the span. */
    public long steps() {
        return span.toMillis() / interval.toMillis();
    }

    /** Samples over the whole cluster and span. */
    public long totalSamples() {
        return steps() * nodes;
    }

    public SimulatorSettings withNodes(int value) {
        return new SimulatorSettings(value, seed, start, span, interval, episodes);
    }

    public SimulatorSettings withSeed(long value) {
        return new SimulatorSettings(nodes, value, start, span, interval, episodes);
    }

    public SimulatorSettings withSpan(Duration value) {
        return new SimulatorSettings(nodes, seed, start, value, interval, episodes);
    }

    public SimulatorSettings withEpisodes(int value) {
        return new SimulatorSettings(nodes, seed, start, span, interval, value);
    }
}
