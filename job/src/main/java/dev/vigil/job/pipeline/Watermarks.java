package dev.vigil.job.pipeline;

import dev.vigil.core.event.MetricSample;
import dev.vigil.core.event.ParsedRecord;
import dev.vigil.job.JobSettings;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** Event-time watermarks for node metrics: bounded out-of-orderness with idleness, from the settings. */
public final class Watermarks {

    private Watermarks() {
    }

    public static WatermarkStrategy<MetricSample> forSamples(JobSettings settings) {
        return WatermarkStrategy.<MetricSample>forBoundedOutOfOrderness(settings.outOfOrderness())
                .withTimestampAssigner((s, previous) -> s.ts())
                .withIdleness(settings.idleness());
    }

    /** Rejections carry no event time; they take the smallest one so they never advance the watermark. */
    public static WatermarkStrategy<ParsedRecord> forParsedRecords(JobSettings settings) {
        return WatermarkStrategy.<ParsedRecord>forBoundedOutOfOrderness(settings.outOfOrderness())
                .withTimestampAssigner((r, previous) -> r.isSample() ? r.sample().ts() : Long.MIN_VALUE)
                .withIdleness(settings.idleness());
    }
}
