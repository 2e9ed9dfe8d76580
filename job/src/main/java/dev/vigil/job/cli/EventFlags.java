package dev.vigil.job.cli;

import dev.vigil.core.event.FlowEvent;
import dev.vigil.core.flow.FeatureSet;
import dev.vigil.sources.events.EventFiles;
import dev.vigil.sources.events.EventFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Flags of {@code vigil train} and {@code vigil evaluate} that add flows and events to the node windows. */
public final class EventFlags {

    @Option(names = "--events", description = "Flows and events file (Hubble, Falco, Vigil JSON or CSV) joined to "
            + "the windows of its nodes; repeatable.")
    List<Path> events;

    @Option(names = "--events-format", defaultValue = "auto",
            description = "auto, hubble, falco, json or csv (default: ${DEFAULT-VALUE}: decided per file).")
    EventFormat eventsFormat;

    @Option(names = "--features", defaultValue = "auto",
            description = "metrics, flows or fused (default: ${DEFAULT-VALUE}: fused with --events, metrics without); "
                    + "vigil train also takes compare: every model on each of the three, side by side in one report.")
    String features;

    /** The feature set asked for; flows and fused need --events. */
    FeatureSet featureSet() {
        FeatureSet set = features.equalsIgnoreCase("auto") ? (hasEvents() ? FeatureSet.FUSED : FeatureSet.METRICS)
                : FeatureSet.of(features);
        if (set != FeatureSet.METRICS && !hasEvents()) {
            throw new IllegalArgumentException("--features " + set + " needs --events FILE");
        }
        return set;
    }

    boolean hasEvents() {
        return events != null && !events.isEmpty();
    }

    /** The events of every --events file; rejected lines are counted on {@code err}, the first ten shown. */
    List<FlowEvent> read(PrintStream err) throws IOException {
        return hasEvents() ? read(events, eventsFormat, err) : new ArrayList<>();
    }

    /** The events of {@code files} in {@code format}; rejected lines are counted on {@code err}, the first ten shown. */
    static List<FlowEvent> read(List<Path> files, EventFormat format, PrintStream err) throws IOException {
        List<FlowEvent> out = new ArrayList<>();
        long[] rejected = {0};
        for (Path file : files) {
            EventFiles.read(file, format, ParseCommand.MAX_LINE_CHARS, out::add, line -> {
                if (rejected[0]++ < 10) {
                    err.println("rejected " + line);
                }
            });
        }
        err.printf("%,d flows and events from %s, %,d lines rejected%n", out.size(), files, rejected[0]);
        return out;
    }
}
