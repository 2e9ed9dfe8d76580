package dev.vigil.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.core.alerts.Incident;
import dev.vigil.core.event.FlowEvent;
import dev.vigil.core.event.MetricSample;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Writes Vigil's JSON texts (score vectors, explanations, canonical sample lines) with Jackson. */
public final class JsonText {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonText() {
    }

    /** {@code {"name": value, ...}} for the positions where {@code values} is not NaN. */
    public static String object(String[] names, double[] values) {
        return write(g -> {
            g.writeStartObject();
            for (int i = 0; i < names.length; i++) {
                if (!Double.isNaN(values[i])) {
                    g.writeNumberField(names[i], values[i]);
                }
            }
            g.writeEndObject();
        });
    }

    /** {@code {"key": "value", ...}} with the keys sorted: an event's arguments. */
    public static String strings(java.util.Map<String, String> values) {
        return write(g -> {
            g.writeStartObject();
            for (java.util.Map.Entry<String, String> e : new java.util.TreeMap<>(values).entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        });
    }

    /**
     * An event as one line of Vigil's generic event JSON ({@code ts}, {@code node}, {@code pod},
     * {@code namespace}, {@code name}, {@code category}, {@code args} with sorted keys, {@code attack} when
     * labelled), which the generic parser reads back.
     */
    public static String eventLine(FlowEvent e) {
        return write(g -> writeEvent(g, e));
    }

    /** Writes {@code e} as {@link #eventLine} does, to an open generator. */
    public static void writeEvent(JsonGenerator g, FlowEvent e) throws IOException {
        g.writeStartObject();
        g.writeStringField("ts", Instant.ofEpochMilli(e.ts()).toString());
        g.writeStringField("node", e.node());
        g.writeStringField("pod", e.pod());
        g.writeStringField("namespace", e.namespace());
        g.writeStringField("name", e.name());
        g.writeStringField("category", e.category());
        g.writeObjectFieldStart("args");
        for (java.util.Map.Entry<String, String> a : new java.util.TreeMap<>(e.args()).entrySet()) {
            g.writeStringField(a.getKey(), a.getValue());
        }
        g.writeEndObject();
        if (e.attack() != null) {
            g.writeNumberField("attack", e.attack());
        }
        g.writeEndObject();
    }

    /** {@code [{"feature": name, "z": z}, ...]} in the given order. */
    public static String ranked(String[] names, double[] z) {
        return write(g -> {
            g.writeStartArray();
            for (int i = 0; i < names.length; i++) {
                g.writeStartObject();
                g.writeStringField("feature", names[i]);
                g.writeNumberField("z", z[i]);
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /** An incident's {@code k} most deviating features: {@code [{"feature": name, "max_abs_z": z}, ...]}. */
    public static String incidentFeatures(Incident incident, int k) {
        return write(g -> {
            g.writeStartArray();
            for (int i : incident.topFeatures(k)) {
                g.writeStartObject();
                g.writeStringField("feature", incident.features()[i]);
                g.writeNumberField("max_abs_z", incident.maxAbsZ()[i]);
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /** An incident's model votes: {@code {"rf": {"windows": 3, "max_probability": 0.97}, ...}}. */
    public static String modelVotes(Incident incident) {
        return write(g -> {
            g.writeStartObject();
            for (int m = 0; m < incident.models().length; m++) {
                g.writeObjectFieldStart(incident.models()[m]);
                g.writeNumberField("windows", incident.modelWindows()[m]);
                g.writeNumberField("max_probability", incident.modelMaxProbability()[m]);
                g.writeEndObject();
            }
            g.writeEndObject();
        });
    }

    /** The sample as one line of Vigil's JSON input format, missing values as null. */
    public static String sampleLine(MetricSample s) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("node", s.node());
            g.writeStringField("ts", Instant.ofEpochMilli(s.ts()).toString());
            g.writeObjectFieldStart("metrics");
            for (int i = 0; i < s.size(); i++) {
                if (s.isMissing(i)) {
                    g.writeNullField(s.names()[i]);
                } else {
                    g.writeNumberField(s.names()[i], s.values()[i]);
                }
            }
            g.writeEndObject();
            if (s.attack() != null) {
                g.writeNumberField("attack", s.attack());
            }
            g.writeEndObject();
        });
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
