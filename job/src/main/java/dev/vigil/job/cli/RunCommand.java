package dev.vigil.job.cli;

import dev.vigil.job.JobSettings;
import dev.vigil.job.pipeline.Input;
import dev.vigil.job.pipeline.PostgresOutputs;
import dev.vigil.job.pipeline.SimulatorInput;
import dev.vigil.job.pipeline.VigilPipeline;
import dev.vigil.sinks.postgres.PostgresSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The production entry point (the FlinkDeployment's entry class runs it): inputs from files or the
 * simulator, results to Postgres. Kafka and node-exporter scraping plug in here as further inputs.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the detection job: inputs to Postgres (vigil.jdbc.url or --jdbc-url).")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    InputFlags input;

    @Mixin
    ConfigFlags config;

    @Option(names = "--simulate", description = "Add the cluster simulator as an input.")
    boolean simulate;

    @Option(names = "--rate", defaultValue = "0",
            description = "Simulated samples per second, 0 for as fast as it goes (default: ${DEFAULT-VALUE}).")
    double rate;

    @Mixin
    SimulatorFlags simulator;

    @Override
    public Integer call() throws Exception {
        Configuration conf = Environments.harden(config.configuration());
        PostgresSettings pg = Environments.migratedPostgres(conf).orElse(null);
        if (pg == null) {
            System.err.println("vigil run: results need Postgres: give --jdbc-url or set vigil.jdbc.url");
            return 2;
        }
        List<Input> inputs = new ArrayList<>(input.fileInputs());
        if (simulate) {
            inputs.add(new SimulatorInput(simulator.settings(), rate));
        }
        if (inputs.isEmpty()) {
            System.err.println("vigil run: no input: give --input FILE or --simulate");
            return 2;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        VigilPipeline.build(env, inputs, new PostgresOutputs(pg), JobSettings.from(conf));
        env.execute("vigil");
        return 0;
    }
}
