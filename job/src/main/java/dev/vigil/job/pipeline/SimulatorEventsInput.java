package dev.vigil.job.pipeline;

import dev.vigil.core.event.FlowEvent;
import dev.vigil.core.event.RawEvent;
import dev.vigil.job.JobSettings;
import dev.vigil.sources.events.EventFormat;
import dev.vigil.sources.events.ExporterJson;
import dev.vigil.sources.simulator.ClusterSimulator;
import dev.vigil.sources.simulator.FlowSimulator;
import dev.vigil.sources.simulator.SimulatorSettings;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * The simulated cluster's flows and Falco alerts as an events input, written as the exporters write them
 * (Hubble and Falco JSON, see {@link ExporterJson}) so they take the events topic's path: parsed, stored,
 * joined to the windows. One (node, step) at a time, paced like the simulator's samples so both move
 * through event time together.
 */
public record SimulatorEventsInput(SimulatorSettings simulator, double stepsPerSecond) implements EventsInput {

    @Override
    public String id() {
        return "simulator";
    }

    @Override
    public EventFormat format() {
        return EventFormat.AUTO;
    }

    @Override
    public DataStream<RawEvent> attach(StreamExecutionEnvironment env, JobSettings settings) {
        RateLimiterStrategy pacing = stepsPerSecond > 0 ? RateLimiterStrategy.perSecond(stepsPerSecond)
                : RateLimiterStrategy.noOp();
        DataGeneratorSource<Long> steps = new DataGeneratorSource<>(index -> index, simulator.totalSamples(), pacing,
                Types.LONG);
        return env.fromSource(steps, WatermarkStrategy.noWatermarks(), "simulator events")
                .uid("source-simulator-events").setParallelism(1)
                .flatMap(new Events(simulator), TypeInformation.of(RawEvent.class)).name("flows and alerts")
                .uid("simulator-events").setParallelism(1);
    }

    /** The events of (node, step) number {@code index}, in the order {@code ClusterSimulator.sample} numbers them. */
    static final class Events extends RichFlatMapFunction<Long, RawEvent> {
        private static final long serialVersionUID = 1L;
        private final SimulatorSettings settings;
        private transient FlowSimulator flows;

        Events(SimulatorSettings settings) {
            this.settings = settings;
        }

        @Override
        public void open(OpenContext context) {
            flows = new FlowSimulator(new ClusterSimulator(settings));
        }

        @Override
        public void flatMap(Long index, Collector<RawEvent> out) {
            for (FlowEvent e : flows.events(index)) {
                String line = ExporterJson.line(e);
                out.collect(new RawEvent("simulator-events", e.location(), e.ts(), e.node(), line,
                        line.getBytes(StandardCharsets.UTF_8).length));
            }
        }
    }
}
