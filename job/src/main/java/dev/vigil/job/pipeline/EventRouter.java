package dev.vigil.job.pipeline;

import dev.vigil.core.event.FlowEvent;
import dev.vigil.core.event.RawEvent;
import dev.vigil.core.event.Rejection;
import dev.vigil.sources.events.EventFormat;
import dev.vigil.sources.events.EventParser;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses each record of a flow/event topic into a {@link FlowEvent}. A record that cannot be parsed (not
 * JSON, a required field missing, cut at the size limit) goes to the rejections with its reason and raw
 * payload; nothing throws. With format AUTO each record is classified on its own tree (parsed once), so
 * Hubble and Falco may share a topic; CSV cannot come from a topic (it needs a header).
 */
public final class EventRouter extends ProcessFunction<RawEvent, FlowEvent> {

    private static final long serialVersionUID = 1L;

    private final EventFormat format;
    private final int maxRecordBytes;
    private final OutputTag<Rejection> rejected;
    private transient EventParser parser;

    public EventRouter(EventFormat format, int maxRecordBytes, OutputTag<Rejection> rejected) {
        if (format == EventFormat.CSV) {
            throw new IllegalArgumentException("records of a topic cannot be CSV: it needs a header");
        }
        this.format = format;
        this.maxRecordBytes = maxRecordBytes;
        this.rejected = rejected;
    }

    @Override
    public void processElement(RawEvent raw, Context ctx, Collector<FlowEvent> out) {
        if (raw.payloadBytes() > maxRecordBytes) {
            reject(raw, "record of " + raw.payloadBytes() + " bytes, over the limit of " + maxRecordBytes, ctx);
            return;
        }
        if (format == EventFormat.AUTO && !raw.payload().strip().startsWith("{")) {
            reject(raw, "not a JSON object: records of a topic are Hubble, Falco or Vigil JSON", ctx);
            return;
        }
        if (parser == null) {
            parser = format == EventFormat.AUTO ? EventParser.eachRecord(raw.source())
                    : EventParser.open(format, raw.source());
        }
        EventParser.Result r = parser.parse(raw.payload(), raw.location());
        if (r == null) {
            reject(raw, "empty record", ctx);
        } else if (r.event() != null) {
            out.collect(r.event());
        } else {
            reject(raw, r.reason(), ctx);
        }
    }

    private void reject(RawEvent raw, String reason, Context ctx) {
        ctx.output(rejected, Rejection.of(raw.source(), raw.location(), reason, raw.payload(), maxRecordBytes));
    }
}
