package dev.vigil.job.pipeline;

import dev.vigil.core.event.MetricSample;
import dev.vigil.core.event.ParsedRecord;
import dev.vigil.core.event.Rejection;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Sends valid samples on and rejections to the side output that feeds {@code rejected_records}. */
public final class RecordRouter extends ProcessFunction<ParsedRecord, MetricSample> {

    private static final long serialVersionUID = 1L;

    private final OutputTag<Rejection> rejected;
    private transient Counter recordsRejected;

    public RecordRouter(OutputTag<Rejection> rejected) {
        this.rejected = rejected;
    }

    @Override
    public void open(OpenContext context) {
        recordsRejected = getRuntimeContext().getMetricGroup().counter("recordsRejected");
    }

    @Override
    public void processElement(ParsedRecord record, Context ctx, Collector<MetricSample> out) {
        if (record.isSample()) {
            out.collect(record.sample());
        } else {
            recordsRejected.inc();
            ctx.output(rejected, record.rejection());
        }
    }
}
