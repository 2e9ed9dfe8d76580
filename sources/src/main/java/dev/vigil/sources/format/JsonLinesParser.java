package dev.vigil.sources.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.vigil.core.event.MetricSample;
import dev.vigil.core.event.ParsedRecord;
import dev.vigil.core.event.Rejection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Vigil's JSON lines: {@code {"node":"n1","ts":"2023-02-12T12:33:32Z"|epoch-ms,"metrics":{"name":value},
 * "attack":0|1}}. A metric that is null (or the string "NA") is missing; other fields are ignored.
 * Streams with Jackson's parser and its fast double reader, without building a tree.
 */
public final class JsonLinesParser implements LineParser {

    private final JsonFactory factory = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();
    private final ParseOptions options;
    private final String source;
    private final List<String> names = new ArrayList<>();
    private double[] values = new double[32];
    private String[] lastNames = new String[0];

    public JsonLinesParser(ParseOptions options, String source) {
        this.options = options;
        this.source = source;
    }

    @Override
    public ParsedRecord parse(String line, long lineNumber) {
        if (line.isBlank()) {
            return null;
        }
        return parse(line, Long.toString(lineNumber));
    }

    /** Parses a JSON text that is known to be one record, for callers that are not line-based. */
    public ParsedRecord parse(String text, String location) {
        try (JsonParser p = factory.createParser(text)) {
            return ParsedRecord.ok(read(p, location));
        } catch (IOException e) {
            return reject(location, e, text);
        }
    }

    /** Parses one record's UTF-8 bytes (a Kafka record value) without decoding them to a string first. */
    public ParsedRecord parse(byte[] utf8, String location) {
        try (JsonParser p = factory.createParser(utf8)) {
            return ParsedRecord.ok(read(p, location));
        } catch (IOException e) {
            return reject(location, e, new String(utf8, StandardCharsets.UTF_8));
        }
    }

    private ParsedRecord reject(String location, IOException e, String payload) {
        String reason = e instanceof InvalidRecord ? e.getMessage()
                : e instanceof JsonProcessingException j ? "malformed JSON: " + j.getOriginalMessage()
                : "unreadable: " + e.getMessage();
        return reject(location, reason, payload);
    }

    private ParsedRecord reject(String location, String reason, String payload) {
        return ParsedRecord.rejected(Rejection.of(source, location, reason, payload, options.maxRecordBytes()));
    }

    private MetricSample read(JsonParser p, String location) throws IOException {
        String node = null;
        Long ts = null;
        Integer attack = null;
        boolean sawMetrics = false;
        int seen = 0;
        names.clear();
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new InvalidRecord("not a JSON object");
        }
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            int bit = switch (field) {
                case "node" -> 1;
                case "ts" -> 2;
                case "attack" -> 4;
                case "metrics" -> 8;
                default -> 0;
            };
            if ((seen & bit) != 0) {
                throw new InvalidRecord("duplicate field '" + field + "'");
            }
            seen |= bit;
            switch (field) {
                case "node" -> node = v == JsonToken.VALUE_NULL ? null : textField(p, v, "node");
                case "ts" -> ts = timestamp(p, v);
                case "attack" -> attack = label(p, v);
                case "metrics" -> {
                    readMetrics(p, v);
                    sawMetrics = true;
                }
                default -> p.skipChildren();
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new InvalidRecord("not a JSON object");
        }
        if (p.nextToken() != null) {
            throw new InvalidRecord("trailing content after the JSON object");
        }
        if (node == null) {
            if (options.node() == null) {
                throw new InvalidRecord("missing field 'node' (or give --node)");
            }
            node = options.node();
        }
        String nodeProblem = Validation.nodeProblem(node);
        if (nodeProblem != null) {
            throw new InvalidRecord("field 'node': " + nodeProblem);
        }
        if (ts == null) {
            throw new InvalidRecord("missing field 'ts'");
        }
        if (!sawMetrics) {
            throw new InvalidRecord("missing field 'metrics'");
        }
        if (names.isEmpty()) {
            throw new InvalidRecord("field 'metrics' has no metric");
        }
        return new MetricSample(node, ts, internedNames(), java.util.Arrays.copyOf(values, names.size()), attack,
                source, location);
    }

    /**
     * Reuses the previous record's name array when the names repeat, as they do in a steady stream, so
     * samples share one array; a new list is checked for duplicate names once.
     */
    private String[] internedNames() throws InvalidRecord {
        if (lastNames.length == names.size()) {
            boolean same = true;
            for (int i = 0; i < lastNames.length && same; i++) {
                same = lastNames[i].equals(names.get(i));
            }
            if (same) {
                return lastNames;
            }
        }
        Set<String> distinct = new HashSet<>();
        for (String name : names) {
            if (!distinct.add(name)) {
                throw new InvalidRecord("duplicate metric '" + name + "'");
            }
        }
        lastNames = names.toArray(String[]::new);
        return lastNames;
    }

    private void readMetrics(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.START_OBJECT) {
            throw new InvalidRecord("field 'metrics' must be an object of name: number");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            // Jackson hands out one canonical instance per field name: a name at the same place as in the
            // previous record was validated then.
            int at = names.size();
            String problem = at < lastNames.length && lastNames[at] == name ? null : Validation.featureNameProblem(name);
            if (problem != null) {
                throw new InvalidRecord(problem);
            }
            if (names.size() == Validation.MAX_FEATURES) {
                throw new InvalidRecord("more than " + Validation.MAX_FEATURES + " metrics");
            }
            JsonToken vt = p.nextToken();
            double value;
            if (vt == JsonToken.VALUE_NUMBER_INT || vt == JsonToken.VALUE_NUMBER_FLOAT) {
                value = p.getDoubleValue();
                String bad = Validation.valueProblem(name, value);
                if (bad != null) {
                    throw new InvalidRecord("metric " + bad);
                }
            } else if (vt == JsonToken.VALUE_NULL) {
                value = Double.NaN;
            } else if (vt == JsonToken.VALUE_STRING) {
                try {
                    Double cell = Validation.parseCell(p.getText());
                    value = cell == null ? Double.NaN : cell;
                } catch (NumberFormatException e) {
                    throw new InvalidRecord("metric '" + name + "': not a number: '"
                            + Validation.shorten(p.getText()) + "'");
                }
            } else {
                throw new InvalidRecord("metric '" + name + "': not a number");
            }
            if (names.size() == values.length) {
                values = java.util.Arrays.copyOf(values, values.length * 2);
            }
            values[names.size()] = value;
            names.add(name);
        }
    }

    private String textField(JsonParser p, JsonToken v, String field) throws IOException {
        if (v != JsonToken.VALUE_STRING) {
            throw new InvalidRecord("field '" + field + "' must be a string");
        }
        return p.getText();
    }

    private Long timestamp(JsonParser p, JsonToken v) throws IOException {
        try {
            if (v == JsonToken.VALUE_NUMBER_INT) {
                long ms = p.getLongValue();
                if (ms < 0) {
                    throw new InvalidRecord("field 'ts': negative epoch milliseconds");
                }
                return ms;
            }
            if (v == JsonToken.VALUE_STRING) {
                return Timestamps.parse(p.getText(), options.zone());
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidRecord("field 'ts': " + e.getMessage());
        } catch (com.fasterxml.jackson.core.exc.InputCoercionException e) {
            throw new InvalidRecord("field 'ts': epoch milliseconds out of range");
        }
        throw new InvalidRecord("field 'ts' must be an ISO-8601 string or epoch milliseconds");
    }

    private static Integer label(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE) {
            return v == JsonToken.VALUE_TRUE ? 1 : 0;
        }
        if (v == JsonToken.VALUE_NUMBER_INT && (p.getIntValue() == 0 || p.getIntValue() == 1)) {
            return p.getIntValue();
        }
        throw new InvalidRecord("field 'attack' must be 0 or 1");
    }

    /** A record that is well-formed JSON but not a valid sample. */
    private static final class InvalidRecord extends IOException {
        private static final long serialVersionUID = 1L;

        InvalidRecord(String message) {
            super(message);
        }
    }
}
