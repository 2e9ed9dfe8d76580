package dev.vigil.job.bench;

import dev.vigil.sources.types.VigilTypes;
import dev.vigil.core.event.ScoredSample;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Emits the rows of {@link BenchData#rowsForSink} by index, for the Postgres sink benchmark. */
public final class RowSource {

    private RowSource() {
    }

    public static DataStream<ScoredSample> attach(StreamExecutionEnvironment env, int count) {
        DataGeneratorSource<ScoredSample> source = new DataGeneratorSource<>(
                index -> BenchData.rowsForSink.get((int) (long) index), count, RateLimiterStrategy.noOp(),
                VigilTypes.SCORED);
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "rows");
    }
}
