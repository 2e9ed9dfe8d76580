package dev.vigil.job.cli;

import dev.vigil.sources.simulator.SimulatorSettings;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.Option;

/** The shape of the simulated cluster, shared by {@code demo} and {@code run --simulate}. */
public final class SimulatorFlags {

    @Option(names = "--nodes", defaultValue = "20", description = "Simulated nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--span", defaultValue = "12h", description = "Simulated time span (default: ${DEFAULT-VALUE}).")
    String span;

    @Option(names = "--episodes", defaultValue = "8", description = "Attack episodes to inject (default: ${DEFAULT-VALUE}).")
    int episodes;

    @Option(names = "--seed", defaultValue = "42", description = "Simulator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    SimulatorSettings settings() {
        return SimulatorSettings.defaults().withNodes(nodes).withSeed(seed).withSpan(TimeUtils.parseDuration(span))
                .withEpisodes(episodes);
    }
}
