package dev.vigil.job.pipeline;

import dev.vigil.sources.types.VigilTypes;
import dev.vigil.core.event.ParsedRecord;
import dev.vigil.job.JobSettings;
import dev.vigil.sources.simulator.SimulatorSettings;
import dev.vigil.sources.simulator.SimulatorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The cluster simulator as input, paced to {@code samplesPerSecond} (0: as fast as it goes). */
public record SimulatorInput(SimulatorSettings simulator, double samplesPerSecond) implements Input {

    @Override
    public String id() {
        return "simulator";
    }

    @Override
    public DataStream<ParsedRecord> attach(StreamExecutionEnvironment env, JobSettings settings) {
        return env.fromSource(SimulatorSource.create(simulator, samplesPerSecond),
                        Watermarks.forSamples(settings), "simulator")
                .uid("source-" + id())
                .setParallelism(1)
                .map(ParsedRecord::ok, VigilTypes.PARSED)
                .name("simulator records")
                .setParallelism(1);
    }

}
