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
            description = "auto, jsonl, paper-csv or csv (default: auto, from each file's first line).")
    String format;

    @Option(names = "--node", description = "Node name for inputs without a node column (default: the file name).")
    String node;

    @Option(names = "--time-column", description = "CSV: the timestamp column (default: ts, timestamp or time).")
    String timeColumn;

    @Option(names = "--node-column", description = "CSV: the node column (default: node, if present).")
    String nodeColumn;

    public ParseOptions parseOptions() {
        return ParseOptions.defaults()
                .withFormat(InputFormat.fromName(format))
                .withNode(node)
                .withColumns(timeColumn, nodeColumn);
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
