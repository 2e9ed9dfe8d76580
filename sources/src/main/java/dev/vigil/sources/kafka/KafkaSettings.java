package dev.vigil.sources.kafka;

import java.io.Serializable;
import java.util.Map;

/**
 * Where node metrics come from in Kafka: bootstrap servers, the topic, the consumer group (offsets are
 * committed to it on every checkpoint), where to start when the group has no offsets (earliest or latest),
 * and further client properties passed through unchanged (for example security.protocol and the SASL/TLS
 * settings).
 */
public record KafkaSettings(String bootstrapServers, String topic, String groupId, String startingOffsets,
        Map<String, String> properties) implements Serializable {

    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap servers are missing");
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("Kafka topic is missing");
        }
        if (!startingOffsets.equals("earliest") && !startingOffsets.equals("latest")) {
            throw new IllegalArgumentException("starting offsets must be earliest or latest, was " + startingOffsets);
        }
        properties = Map.copyOf(properties);
    }
}
