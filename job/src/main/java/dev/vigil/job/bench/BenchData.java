package dev.vigil.job.bench;

import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.json.JsonText;
import dev.vigil.sources.simulator.ClusterSimulator;
import dev.vigil.sources.simulator.SimulatorSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The benchmark's input: simulator samples of 24 features as Vigil JSON lines, generated once. */
public final class BenchData {

    /**
     * Rows for the Postgres benchmark's generator. Static because the benchmark runs Flink in this JVM and
     * a generator that closes over 100,000 rows would be serialized into the job graph; never used by jobs.
     */
    public static volatile List<ScoredSample> rowsForSink = List.of();

    private BenchData() {
    }

    /** The simulated cluster of {@code count} samples of {@code nodes} nodes that every benchmark reads. */
    public static SimulatorSettings simulator(int count, int nodes) {
        long steps = Math.max(10, (count + nodes - 1) / nodes);
        return SimulatorSettings.defaults().withNodes(nodes).withSpan(Duration.ofSeconds(10).multipliedBy(steps))
                .withEpisodes(4);
    }

    /** {@code count} JSON lines of {@code nodes} simulated nodes, in time order. */
    public static List<String> jsonLines(int count, int nodes) {
        ClusterSimulator simulator = new ClusterSimulator(simulator(count, nodes));
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(JsonText.sampleLine(simulator.sample(i)));
        }
        return lines;
    }
}
