package dev.vigil.sources.kafka;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** An {@link EmbeddedKafkaBroker} for one test class, with its helpers. */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedKafkaBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        broker = EmbeddedKafkaBroker.launch();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        broker.close();
    }

    public void start() throws Exception {
        broker.start();
    }

    public void stop() {
        broker.stop();
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public Admin admin() {
        return broker.admin();
    }

    public void createTopic(String name, int partitions) throws Exception {
        broker.createTopic(name, partitions);
    }

    public void produce(String topic, List<Map.Entry<String, String>> records) {
        broker.produce(topic, records);
    }

    public List<ConsumerRecord<String, String>> consumeAll(String topic) {
        return broker.consumeAll(topic);
    }
}
