package dev.vigil.job.pipeline;

import dev.vigil.core.event.Rejection;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.sinks.kafka.KafkaAlerts;
import java.util.Map;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Sends every anomaly to the alerts topic, exactly once. */
public record KafkaAlertOutputs(String bootstrapServers, String topic, Map<String, String> properties)
        implements Outputs {

    @Override
    public void attach(DataStream<ScoredSample> scores, DataStream<Rejection> rejections) {
        scores.filter(ScoredSample::anomaly).name("anomalies").uid("filter-anomalies")
                .sinkTo(KafkaAlerts.sink(bootstrapServers, topic, properties, "vigil-alerts-" + topic))
                .name("kafka " + topic).uid("sink-kafka-alerts");
    }
}
