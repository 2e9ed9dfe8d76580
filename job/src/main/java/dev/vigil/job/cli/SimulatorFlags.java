package dev.vigil.job.cli;

import dev.vigil.sources.simulator.SimulatorSettings;
import java.time.Duration;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.Option;

/** Flags of the cluster simulator input. */
public final class SimulatorFlags {

    @Option(names = "--simulate", description = "Add the cluster simulator as an input.")
    boolean enabled;

    @Option(names = "--nodes", defaultValue = "20", description = "Simulated nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--span", defaultValue = "12h", description = "Simulated time span (default: ${DEFAULT-VALUE}).")
    String span;

    @Option(names = "--episodes", defaultValue = "8", description = "Attack episodes to inject (default: ${DEFAULT-VALUE}).")
    int episodes;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--rate", defaultValue = "0", description = "Samples per second, 0 for unpaced (default: ${DEFAULT-VALUE}).")
    double rate;

    SimulatorSettings settings() {
        Duration spanDuration = TimeUtils.parseDuration(span);
        return SimulatorSettings.defaults().withNodes(nodes).withSeed(seed).withSpan(spanDuration)
                .withEpisodes(episodes);
    }
}
