package dev.vigil.sinks.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.json.JsonText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One JSON message per anomaly: node, ts, max_abs_z, the top features and where the full row is in
 * Postgres. The key is {@code node@ts}, the row's natural key, so a consumer (or a compacted topic) can
 * drop a duplicate even where transactions are not read.
 */
public final class AlertSerializer implements KafkaRecordSerializationSchema<ScoredSample> {

    private static final long serialVersionUID = 1L;
    private static final JsonFactory JSON = new JsonFactory();

    private final String topic;

    public AlertSerializer(String topic) {
        this.topic = topic;
    }

    /** The message key of the alert for {@code s}. */
    public static String key(ScoredSample s) {
        return s.node() + "@" + Instant.ofEpochMilli(s.ts());
    }

    /**
     * The record's Kafka timestamp is left to the producer (the time it is sent), not the sample's time,
     * which the key and the value carry: a broker's time-based retention (7 days by default) judges segments
     * by their records' timestamps, so alerts of a replay of older samples would be deleted as soon as their
     * segment rolls, and a segment whose first record is older than {@code segment.ms} rolls at once.
     */
    @Override
    public ProducerRecord<byte[], byte[]> serialize(ScoredSample s, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, null, null, key(s).getBytes(StandardCharsets.UTF_8), json(s));
    }

    static byte[] json(ScoredSample s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        String ts = Instant.ofEpochMilli(s.ts()).toString();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("node", s.node());
            g.writeStringField("ts", ts);
            g.writeNumberField("max_abs_z", s.maxAbsZ());
            g.writeFieldName("top_features");
            g.writeRawValue(JsonText.ranked(s.topFeatures(), s.topZ()));
            g.writeObjectFieldStart("postgres");
            g.writeStringField("table", "node_scores");
            g.writeStringField("node", s.node());
            g.writeStringField("ts", ts);
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
