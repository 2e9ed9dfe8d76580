package dev.vigil.job.pipeline;

import dev.vigil.core.event.FlowEvent;
import dev.vigil.core.event.MetricSample;
import dev.vigil.core.event.ParsedRecord;
import dev.vigil.job.JobSettings;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event-time watermarks for node metrics: bounded out-of-orderness with idleness, from the settings.
 *
 * <p>The watermark moves as soon as an input's newest time moves, not on Flink's periodic timer: whether
 * a sample is scored or rejected as late then depends on the order of the input, never on how fast it
 * was read. A watermark is emitted only when it advances, so the cost is one per new event time.
 */
public final class Watermarks {

    private Watermarks() {
    }

    public static WatermarkStrategy<MetricSample> forSamples(JobSettings settings) {
        return WatermarkStrategy.<MetricSample>forGenerator(c -> new Eager<>(settings.outOfOrderness()))
                .withTimestampAssigner((s, previous) -> s.ts())
                .withIdleness(settings.idleness());
    }

    /** Rejections carry no event time; they take the smallest one so they never advance the watermark. */
    public static WatermarkStrategy<ParsedRecord> forParsedRecords(JobSettings settings) {
        return WatermarkStrategy.<ParsedRecord>forGenerator(c -> new Eager<>(settings.outOfOrderness()))
                .withTimestampAssigner((r, previous) -> r.isSample() ? r.sample().ts() : Long.MIN_VALUE)
                .withIdleness(settings.idleness());
    }

    /**
     * Parsed flows and events, watermarked after parsing (their time is only known then): bounded
     * out-of-orderness and idleness as for samples, so a quiet events topic does not hold the fused windows.
     */
    public static WatermarkStrategy<FlowEvent> forEvents(JobSettings settings) {
        return WatermarkStrategy.<FlowEvent>forGenerator(c -> new Eager<>(settings.outOfOrderness()))
                .withTimestampAssigner((e, previous) -> e.ts())
                .withIdleness(settings.idleness());
    }

    /**
     * For sources that stamp every record with its event time, rejections included (the scrape source
     * stamps a failed scrape with its slot): a target that keeps failing still moves event time on.
     */
    public static WatermarkStrategy<ParsedRecord> forStampedRecords(JobSettings settings) {
        return WatermarkStrategy.<ParsedRecord>forGenerator(c -> new Eager<>(settings.outOfOrderness()))
                .withTimestampAssigner((r, stamped) -> r.isSample() ? r.sample().ts() : stamped)
                .withIdleness(settings.idleness());
    }

    /** Bounded out-of-orderness that emits on the event which advances the newest time. */
    static final class Eager<T> implements WatermarkGenerator<T> {
        private final long bound;
        private long newest = Long.MIN_VALUE;

        Eager(Duration outOfOrderness) {
            this.bound = outOfOrderness.toMillis();
        }

        @Override
        public void onEvent(T event, long timestamp, WatermarkOutput output) {
            if (timestamp > newest) {
                newest = timestamp;
                output.emitWatermark(new Watermark(newest - bound - 1));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            // Everything was emitted on the event that advanced it.
        }
    }
}
