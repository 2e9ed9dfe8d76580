package dev.vigil.sinks.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.ScoredSample;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** An alert names its row in Postgres, and its Kafka timestamp is the sending time, not the sample's. */
class AlertSerializerTest {

    @Test
    void theKeyAndValueCarryTheSamplesTimeAndTheRecordLeavesItsTimestampToTheProducer() {
        long ts = Instant.parse("2026-01-05T06:05:40Z").toEpochMilli();
        ScoredSample s = new ScoredSample("node-03", ts, new String[] {"est_conn", "load1"}, new double[] {90, 1},
                new double[] {3.2, -1.1}, 3.2, true, new String[] {"est_conn", "load1"}, new double[] {3.2, -1.1}, 0);
        ProducerRecord<byte[], byte[]> record = new AlertSerializer("alerts").serialize(s, null, ts);
        assertThat(record.topic()).isEqualTo("alerts");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("node-03@2026-01-05T06:05:40Z");
        assertThat(new String(record.value(), StandardCharsets.UTF_8))
                .startsWith("{\"node\":\"node-03\",\"ts\":\"2026-01-05T06:05:40Z\",\"max_abs_z\":3.2,")
                .contains("\"postgres\":{\"table\":\"node_scores\",\"node\":\"node-03\",\"ts\":\"2026-01-05T06:05:40Z\"}");
        // A sample's time as the record's timestamp put replayed alerts under the broker's time-based
        // retention at once (7 days by default): old segments were deleted and the first alerts vanished.
        assertThat(record.timestamp()).as("set by the producer when sent").isNull();
    }
}
