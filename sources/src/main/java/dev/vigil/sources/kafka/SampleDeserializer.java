package dev.vigil.sources.kafka;

import dev.vigil.sources.types.VigilTypes;
import dev.vigil.core.event.ParsedRecord;
import dev.vigil.core.event.Rejection;
import dev.vigil.sources.format.JsonLinesParser;
import dev.vigil.sources.format.ParseOptions;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns each Kafka record of node metrics (Vigil's JSON) into a parsed record. Never throws: a record that
 * is too large, empty or invalid becomes a rejection keyed by {@code kafka:<topic>} and
 * {@code <partition>@<offset>}, so it lands in rejected_records exactly once even after a replay.
 */
public final class SampleDeserializer implements KafkaRecordDeserializationSchema<ParsedRecord> {

    private static final long serialVersionUID = 1L;

    private final ParseOptions options;
    private transient Map<String, JsonLinesParser> parsers;

    public SampleDeserializer(ParseOptions options) {
        this.options = options;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParsedRecord> out) {
        String source = "kafka:" + record.topic();
        String location = record.partition() + "@" + record.offset();
        byte[] value = record.value();
        if (value == null || value.length == 0) {
            out.collect(ParsedRecord.rejected(new Rejection(source, location, "empty record", "", 0)));
            return;
        }
        if (value.length > options.maxRecordBytes()) {
            String head = new String(value, 0, options.maxRecordBytes(), StandardCharsets.UTF_8);
            out.collect(ParsedRecord.rejected(new Rejection(source, location, "record of " + value.length
                    + " bytes exceeds the limit of " + options.maxRecordBytes() + " bytes", head, value.length)));
            return;
        }
        if (parsers == null) {
            parsers = new HashMap<>(); // transient: made where the deserializer runs
        }
        JsonLinesParser parser = parsers.computeIfAbsent(source, s -> new JsonLinesParser(options, s));
        out.collect(parser.parse(value, location));
    }

    @Override
    public TypeInformation<ParsedRecord> getProducedType() {
        return VigilTypes.PARSED;
    }
}
