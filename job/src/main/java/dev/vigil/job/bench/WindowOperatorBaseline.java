package dev.vigil.job.bench;

import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.window.FeatureMoments;
import dev.vigil.core.window.SlidingWindows;
import dev.vigil.core.window.WindowFeatures;
import dev.vigil.job.pipeline.Pane;
import dev.vigil.job.pipeline.PaneSerializer;
import dev.vigil.sources.types.VigilTypes;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;

/**
 * What the job's pane-based windows are measured against: Flink's own sliding {@code WindowOperator} with
 * an incremental aggregate of the same moments and the same feature extraction, so the difference is how
 * state is kept (one accumulator per window, updated by every sample, against one pane per slide).
 */
public final class WindowOperatorBaseline {

    private WindowOperatorBaseline() {
    }

    /** 60 s windows every 10 s per node, each ending in its feature vector's sum (so nothing is optimised away). */
    public static DataStream<Double> windows(DataStream<ScoredSample> scores) {
        return scores.keyBy(ScoredSample::node)
                .window(SlidingEventTimeWindows.of(Duration.ofSeconds(60), Duration.ofSeconds(10)))
                .aggregate(new Moments(), new VigilTypes<>(Pane.class, PaneSerializer::new), Types.DOUBLE)
                .name("Flink sliding WindowOperator").uid("bench-window-operator");
    }

    /** The window's moments; the accumulator starts empty and takes its size from the first sample. */
    static final class Moments implements AggregateFunction<ScoredSample, Pane, Double> {
        private static final long serialVersionUID = 1L;
        private static final int EXPECTED_SAMPLES = SlidingWindows.defaults().expectedSamples();
        /** Made once per feature list, as the job's window function does: not part of what is measured. */
        private transient Map<List<String>, WindowFeatures> featureSets;

        @Override
        public Pane createAccumulator() {
            return new Pane(new String[0], new FeatureMoments(0, 0));
        }

        @Override
        public Pane add(ScoredSample s, Pane acc) {
            Pane pane = acc.names().length == 0 ? new Pane(s.names(), new FeatureMoments(s.names().length, s.ts())) : acc;
            pane.moments().add(s.ts(), s.values(), s.z(), s.anomaly(), s.attack());
            return pane;
        }

        @Override
        public Double getResult(Pane acc) {
            double sum = 0;
            if (featureSets == null) {
                featureSets = new HashMap<>();
            }
            WindowFeatures features = featureSets.computeIfAbsent(Arrays.asList(acc.names()),
                    k -> new WindowFeatures(acc.names()));
            for (double v : features.extract(acc.moments(), EXPECTED_SAMPLES)) {
                sum += Double.isNaN(v) ? 0 : v;
            }
            return sum;
        }

        @Override
        public Pane merge(Pane a, Pane b) {
            if (a.names().length == 0) {
                return b;
            }
            if (b.names().length > 0) {
                a.moments().merge(b.moments());
            }
            return a;
        }
    }
}
