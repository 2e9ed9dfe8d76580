package dev.vigil.job.cli;

import dev.vigil.job.pipeline.FileInput;
import dev.vigil.job.pipeline.Input;
import dev.vigil.sources.format.InputFormat;
import dev.vigil.sources.format.ParseOptions;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Flags that name input files and say how to read them. */
public final class InputFlags {

    @Option(names = "--input", description = "Node-metrics file; repeatable.")
    List<Path> inputs;

    @Option(names = "--format", defaultValue = "auto",
            description = "auto, jsonl, paper-csv or csv (default: auto, from each file's first line); vigil train and "
                    + "evaluate also take events: the inputs are flows/events, read as event-name sequences per pod.")
    String format;

    @Option(names = "--node", description = "Node name for inputs without a node column (default: the file name).")
    String node;

    @Option(names = "--time-column", description = "CSV: the timestamp column (default: ts, timestamp or time).")
    String timeColumn;

    @Option(names = "--node-column", description = "CSV: the node column (default: node, if present).")
    String nodeColumn;

    @Option(names = "--label-column", description = "CSV: the label column (default: attack).")
    String labelColumn;

    @Option(names = "--positive", description = "CSV: the label value that means attack; any other value is normal "
            + "(default: the label is 0/1 or true/false).")
    String positive;

    @Option(names = "--row-interval", description = "CSV without a time column: the time between rows, e.g. 300s; "
            + "row i is at 2020-01-01T00:00:00Z + i x interval.")
    String rowInterval;

    public ParseOptions parseOptions() {
        return ParseOptions.defaults()
                .withFormat(InputFormat.fromName(format))
                .withNode(node)
                .withColumns(timeColumn, nodeColumn)
                .withLabels(labelColumn, positive, rowInterval == null ? null
                        : org.apache.flink.util.TimeUtils.parseDuration(rowInterval));
    }

    /** One input per distinct file. */
    public List<Input> fileInputs() {
        ParseOptions options = parseOptions();
        return (inputs == null ? List.<Path>of() : inputs).stream()
                .map(p -> p.toAbsolutePath().normalize())
                .distinct()
                .map(p -> (Input) new FileInput(p, options))
                .toList();
    }
}
