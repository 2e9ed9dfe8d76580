package dev.vigil.sources.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The in-process broker keeps its records across a restart. */
class KafkaBrokerExtensionTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void recordsSurviveABrokerRestart() throws Exception {
        KAFKA.createTopic("t", 2);
        KAFKA.produce("t", List.of(Map.entry("a", "1"), Map.entry("b", "2")));
        KAFKA.stop();
        KAFKA.start();
        KAFKA.produce("t", List.of(Map.entry("a", "3")));
        assertThat(KAFKA.consumeAll("t")).extracting(ConsumerRecord::value).containsExactlyInAnyOrder("1", "2", "3");
    }
}
