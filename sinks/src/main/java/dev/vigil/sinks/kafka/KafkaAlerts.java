package dev.vigil.sinks.kafka;

import dev.vigil.core.event.ScoredSample;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * The Kafka sink of alerts: transactional, committed with each checkpoint, so a consumer reading with
 * {@code isolation.level=read_committed} sees every alert exactly once across failures and restarts.
 */
public final class KafkaAlerts {

    private KafkaAlerts() {
    }

    public static KafkaSink<ScoredSample> sink(String bootstrapServers, String topic, Map<String, String> properties,
            String transactionalIdPrefix) {
        Properties producer = new Properties();
        producer.putAll(properties);
        // A transaction stays open for one checkpoint interval; allow generous time between checkpoints.
        producer.putIfAbsent("transaction.timeout.ms", "900000");
        return KafkaSink.<ScoredSample>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(new AlertSerializer(topic))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setKafkaProducerConfig(producer)
                .build();
    }
}
