package dev.vigil.sources.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Decides the format of an input from its first record: a JSON object with {@code flow} (or
 * {@code verdict} and {@code IP}) is a Hubble flow, one with {@code rule} and {@code output_fields} or
 * {@code priority} a Falco alert, any other JSON object Vigil's generic event; a line that is not JSON
 * starts a CSV input. The rest of the input is read in that format.
 */
final class AutoEventParser implements EventParser {

    private final String source;
    private EventParser decided;

    AutoEventParser(String source) {
        this.source = source;
    }

    @Override
    public Result parse(String line, String location) {
        if (decided == null) {
            if (line.isBlank()) {
                return null;
            }
            decided = EventParser.open(detect(line), source);
        }
        return decided.parse(line, location);
    }

    /** The format of an input whose first record is {@code line}. */
    static EventFormat detect(String line) {
        String t = line.strip();
        if (!t.startsWith("{")) {
            return EventFormat.CSV;
        }
        try {
            return format(JsonEventParser.JSON.readTree(t));
        } catch (Exception e) {
            // Not JSON after all: the generic JSON parser rejects the line with the reason.
            return EventFormat.JSON;
        }
    }

    /** The JSON format of one parsed record: Hubble, Falco, or else Vigil's generic event. */
    static EventFormat format(JsonNode root) {
        if (root.has("flow") || (root.has("verdict") && root.has("IP"))) {
            return EventFormat.HUBBLE;
        }
        if (root.has("rule") && (root.has("output_fields") || root.has("priority"))) {
            return EventFormat.FALCO;
        }
        return EventFormat.JSON;
    }
}
