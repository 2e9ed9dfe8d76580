package dev.vigil.job.cli;

import dev.vigil.core.event.FlowEvent;
import dev.vigil.core.json.JsonText;
import dev.vigil.sources.events.ExporterJson;
import dev.vigil.sources.simulator.FlowSimulator;
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

/**
 * Writes the simulated cluster's labelled samples as Vigil JSON lines, and optionally its flows and Falco
 * alerts as Vigil event JSON lines: training data, or input for Kafka.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Write simulated, labelled node metrics (and flows and events) as Vigil JSON lines.")
public final class SimulateCommand implements Callable<Integer> {

    @Mixin
    SimulatorFlags simulator;

    @Option(names = "--output", required = true, description = "The JSON-lines file to write.")
    Path output;

    @Option(names = "--events-output", description = "Also write the cluster's flows and Falco alerts, labelled, "
            + "as Vigil event JSON lines to this file (for vigil train/evaluate --events, or an events topic).")
    Path eventsOutput;

    @Option(names = "--events-as", defaultValue = "vigil", description = "vigil: Vigil event JSON with labels "
            + "(default); exporters: flows as Hubble JSON and alerts as Falco JSON, unlabelled, as a real cluster's "
            + "exporters would write them to a topic.")
    String eventsAs;

    @Override
    public Integer call() throws Exception {
        if (!eventsAs.equals("vigil") && !eventsAs.equals("exporters")) {
            System.err.println("vigil simulate: --events-as is vigil or exporters");
            return 2;
        }
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
        if (eventsOutput != null) {
            FlowSimulator flows = new FlowSimulator(cluster);
            long events = 0;
            try (BufferedWriter out = Files.newBufferedWriter(eventsOutput, StandardCharsets.UTF_8)) {
                for (long i = 0; i < settings.totalSamples(); i++) {
                    for (FlowEvent e : flows.events(i)) {
                        out.write(eventsAs.equals("vigil") ? JsonText.eventLine(e) : ExporterJson.line(e));
                        out.write('\n');
                        events++;
                    }
                }
            }
            System.err.printf("%,d flows and events -> %s%n", events, eventsOutput);
        }
        return 0;
    }
}
