package dev.vigil.job.cli;

import dev.vigil.core.json.JsonText;
import dev.vigil.sources.simulator.ClusterSimulator;
import dev.vigil.sources.simulator.SimulatorSettings;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Writes the simulated cluster's labelled samples as Vigil JSON lines: training data, or input for Kafka. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Write simulated, labelled node metrics as Vigil JSON lines.")
public final class SimulateCommand implements Callable<Integer> {

    @Mixin
    SimulatorFlags simulator;

    @Option(names = "--output", required = true, description = "The JSON-lines file to write.")
    Path output;

    @Override
    public Integer call() throws Exception {
        SimulatorSettings settings = simulator.settings();
        ClusterSimulator cluster = new ClusterSimulator(settings);
        try (BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            for (long i = 0; i < settings.totalSamples(); i++) {
                out.write(JsonText.sampleLine(cluster.sample(i)));
                out.write('\n');
            }
        }
        System.err.printf("%,d samples of %d nodes, %d attack episodes -> %s%n", settings.totalSamples(),
                settings.nodes(), cluster.episodes().size(), output);
        return 0;
    }
}
