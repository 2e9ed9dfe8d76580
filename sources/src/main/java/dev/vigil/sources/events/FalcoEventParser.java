package dev.vigil.sources.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.event.FlowEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Falco alerts as Falco's JSON output and falcosidekick (to Kafka, among others) write them: {@code time},
 * {@code rule}, {@code priority}, {@code source}, {@code tags}, {@code output}, {@code output_fields} and
 * {@code hostname}. The event's name is the rule, its category the Falco source (syscall, k8s_audit, ...),
 * its pod and namespace those of {@code output_fields}; the priority, tags and every output field are
 * arguments.
 */
final class FalcoEventParser extends JsonEventParser {

    FalcoEventParser(String source) {
        super(source);
    }

    @Override
    Result event(JsonNode root, String location) {
        long ts = time(required(root, "time", "alert time"));
        String rule = required(root, "rule", "rule");
        JsonNode fields = root.path("output_fields");
        String node = text(root, "hostname");
        if (node == null) {
            node = text(fields, "k8s.node.name");
        }
        if (node == null) {
            throw new IllegalArgumentException("no node ('hostname')");
        }
        Map<String, String> args = new HashMap<>();
        putIfPresent(args, "priority", text(root, "priority"));
        JsonNode tags = root.path("tags");
        if (tags.isArray() && tags.size() > 0) {
            StringJoiner set = new StringJoiner(",");
            tags.forEach(t -> set.add(t.asText()));
            args.put("tags", set.toString());
        }
        if (fields.isObject()) {
            fields.properties().forEach(f -> {
                if (!f.getValue().isNull() && !f.getValue().isContainerNode()) {
                    args.put(f.getKey(), f.getValue().asText());
                }
            });
        }
        String falcoSource = text(root, "source");
        return Result.of(new FlowEvent(source, location, ts, node, text(fields, "k8s.pod.name"), text(fields, "k8s.ns.name"),
                rule, falcoSource == null ? "syscall" : falcoSource, args, null));
    }
}
