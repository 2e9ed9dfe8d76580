package dev.vigil.job.cli;

import dev.vigil.core.window.SlidingWindows;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.Option;

/** How {@code vigil train} and {@code vigil evaluate} cut windows; they must match the stream's vigil.window.* settings. */
public final class WindowFlags {

    @Option(names = "--window", defaultValue = "60s", description = "Window size (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--slide", defaultValue = "10s", description = "Window slide (default: ${DEFAULT-VALUE}).")
    String slide;

    @Option(names = "--sample-interval", defaultValue = "10s",
            description = "Expected time between a node's samples, for window coverage (default: ${DEFAULT-VALUE}).")
    String sampleInterval;

    SlidingWindows windows() {
        return new SlidingWindows(TimeUtils.parseDuration(window), TimeUtils.parseDuration(slide),
                TimeUtils.parseDuration(sampleInterval));
    }
}
