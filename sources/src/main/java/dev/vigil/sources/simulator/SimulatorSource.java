package dev.vigil.sources.simulator;

import dev.vigil.sources.types.VigilTypes;
import dev.vigil.core.event.MetricSample;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/** The simulator as a bounded FLIP-27 source, optionally paced to a number of samples per second. */
public final class SimulatorSource {

    private SimulatorSource() {
    }

    /**
     * A source of every sample of the simulated span, in time order (all nodes' step 0, then step 1, ...).
     * Run it with parallelism 1 so that order holds; {@code samplesPerSecond <= 0} means unpaced.
     */
    public static DataGeneratorSource<MetricSample> create(SimulatorSettings settings, double samplesPerSecond) {
        RateLimiterStrategy pacing = samplesPerSecond > 0 ? RateLimiterStrategy.perSecond(samplesPerSecond)
                : RateLimiterStrategy.noOp();
        return new DataGeneratorSource<>(new Generator(settings), settings.totalSamples(), pacing,
                VigilTypes.SAMPLE);
    }

    /** Maps a sample index to the simulator's sample; the simulator is built once per reader. */
    static final class Generator implements GeneratorFunction<Long, MetricSample> {
        private static final long serialVersionUID = 1L;
        private final SimulatorSettings settings;
        private transient ClusterSimulator simulator;

        Generator(SimulatorSettings settings) {
            this.settings = settings;
        }

        @Override
        public void open(SourceReaderContext readerContext) {
            simulator = new ClusterSimulator(settings);
        }

        @Override
        public MetricSample map(Long index) {
            return simulator.sample(index);
        }
    }
}
