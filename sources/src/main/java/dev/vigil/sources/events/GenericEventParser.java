package dev.vigil.sources.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.event.FlowEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * Vigil's generic event JSON lines: {@code ts}, {@code node} and {@code name} required; {@code pod},
 * {@code namespace}, {@code category} (default: event), {@code args} (an object of values) and
 * {@code attack} (0/1) optional. The shape of the seed's traffic records (timestamp, name, category,
 * arguments).
 */
final class GenericEventParser extends JsonEventParser {

    GenericEventParser(String source) {
        super(source);
    }

    @Override
    Result event(JsonNode root, String location) {
        long ts = time(required(root, "ts", "time"));
        Map<String, String> args = new HashMap<>();
        JsonNode a = root.path("args");
        if (!a.isMissingNode() && !a.isNull()) {
            if (!a.isObject()) {
                throw new IllegalArgumentException("'args' must be an object");
            }
            a.properties().forEach(f -> args.put(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText()
                    : f.getValue().toString()));
        }
        String category = text(root, "category");
        return Result.of(new FlowEvent(source, location, ts, required(root, "node", "node"), text(root, "pod"), text(root, "namespace"),
                required(root, "name", "name"), category == null ? "event" : category, args, label(root, "attack")));
    }
}
