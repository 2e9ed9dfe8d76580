package dev.vigil.core.event;

import java.util.Map;

/**
 * One traffic flow or security event in Vigil's normalised form, whatever format it arrived in (Cilium
 * Hubble flows, Falco alerts, Vigil's generic JSON lines or CSV): where it was read ({@code source},
 * {@code location}: a file and line, or a topic and partition@offset; the natural key), when and on which node it happened, the
 * pod and namespace it concerns (null when none), its name (a flow's protocol or L7 type, a Falco rule, a
 * generic event's name), its category (flow, a Falco source such as syscall, or the generic category),
 * the format's details as text arguments in a fixed order, and the label when the input has one.
 */
public record FlowEvent(String source, String location, long ts, String node, String pod, String namespace, String name, String category,
        Map<String, String> args, Integer attack) {

    public FlowEvent {
        args = Map.copyOf(args); // unordered in the record; writers sort the keys
    }
}
