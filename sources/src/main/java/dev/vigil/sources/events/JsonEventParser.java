package dev.vigil.sources.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.sources.format.Timestamps;
import dev.vigil.sources.format.Validation;
import java.time.ZoneOffset;
import java.util.Map;

/** The JSON formats: one object per line, read as a tree; each format maps the tree to an event. */
abstract class JsonEventParser implements EventParser {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The input's name, the events' source. */
    final String source;

    JsonEventParser(String source) {
        this.source = source;
    }

    @Override
    public Result parse(String line, String location) {
        if (line.isBlank()) {
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return Result.rejected("not valid JSON: " + Validation.shorten(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            return Result.rejected("not a JSON object");
        }
        try {
            return event(root, location);
        } catch (IllegalArgumentException e) {
            return Result.rejected(e.getMessage());
        }
    }

    /** The event of one JSON object; an IllegalArgumentException's message is the rejection's reason. */
    abstract Result event(JsonNode root, String location);

    /** The text at {@code field} of {@code node}, or null when absent, null or empty. */
    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText();
        return s.isEmpty() ? null : s;
    }

    /** The text at {@code field}, required. */
    static String required(JsonNode node, String field, String what) {
        String s = text(node, field);
        if (s == null) {
            throw new IllegalArgumentException("no " + what + " ('" + field + "')");
        }
        return s;
    }

    /** Epoch milliseconds of an ISO-8601 time or epoch milliseconds; a time without offset is UTC. */
    static long time(String text) {
        return Timestamps.parse(text, ZoneOffset.UTC);
    }

    static void putIfPresent(Map<String, String> args, String key, String value) {
        if (value != null) {
            args.put(key, value);
        }
    }

    /** The 0/1 label at {@code field}, or null when absent. */
    static Integer label(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.asText();
        if (s.equals("0") || s.equals("false")) {
            return 0;
        }
        if (s.equals("1") || s.equals("true")) {
            return 1;
        }
        throw new IllegalArgumentException("label '" + field + "' must be 0 or 1, got '" + Validation.shorten(s) + "'");
    }
}
