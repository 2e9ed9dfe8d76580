package dev.vigil.sources.events;

/** The flow/event formats Vigil reads; {@code AUTO} decides per input from its first record. */
public enum EventFormat {
    AUTO, HUBBLE, FALCO, JSON, CSV
}
