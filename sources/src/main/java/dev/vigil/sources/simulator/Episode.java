package dev.vigil.sources.simulator;

import java.io.Serializable;

/** One injected attack: on {@code node}, of {@code kind}, over event time [start, end) in epoch ms. */
public record Episode(String node, AttackKind kind, long start, long end) implements Serializable {

    public boolean covers(String n, long ts) {
        return node.equals(n) && ts >= start && ts < end;
    }
}
