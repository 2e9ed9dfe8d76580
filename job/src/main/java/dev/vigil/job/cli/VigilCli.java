package dev.vigil.job.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vigil} command: one entry point with a subcommand for each way to run the pipeline. */
@Command(name = "vigil", mixinStandardHelpOptions = true, version = "vigil 0.1.0",
        description = "Streaming misuse and anomaly detection for Kubernetes nodes, on Apache Flink.",
        subcommands = {DemoCommand.class, ScoreCommand.class, RunCommand.class, LabelCommand.class, SimulateCommand.class,
            TrainCommand.class, EvaluateCommand.class, ParseCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class})
public final class VigilCli {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (usage errors and bad settings: 2). */
    public static int execute(String... args) {
        return new CommandLine(new VigilCli())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof IllegalArgumentException) { // a setting that cannot work: say which, no trace
                        cmd.getErr().println("vigil " + cmd.getCommandName() + ": " + e.getMessage());
                        return 2;
                    }
                    throw e;
                })
                .execute(args);
    }
}
