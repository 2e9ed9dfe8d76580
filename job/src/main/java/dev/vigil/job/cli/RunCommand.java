package dev.vigil.job.cli;

import dev.vigil.job.JobSettings;
import dev.vigil.job.VigilOptions;
import dev.vigil.job.pipeline.Input;
import dev.vigil.job.pipeline.KafkaAlertOutputs;
import dev.vigil.job.pipeline.KafkaEventsInput;
import dev.vigil.job.pipeline.KafkaInput;
import dev.vigil.job.pipeline.Outputs;
import dev.vigil.job.pipeline.PostgresOutputs;
import dev.vigil.job.pipeline.ScrapeInput;
import dev.vigil.job.pipeline.SimulatorInput;
import dev.vigil.job.pipeline.VigilPipeline;
import dev.vigil.sinks.postgres.PostgresSettings;
import dev.vigil.sources.events.EventFormat;
import dev.vigil.sources.kafka.KafkaSettings;
import dev.vigil.sources.scrape.KubernetesDiscovery;
import dev.vigil.sources.scrape.ScrapeTarget;
import dev.vigil.sources.scrape.TargetDiscovery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The production entry point (the FlinkDeployment's entry class runs it): node metrics from Kafka, node-exporter
 * scrapes, files or the simulator; results to Postgres, alerts to Kafka when Kafka is configured, and a live
 * JSON-lines view with --output.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the detection job: Kafka, scrapes, files or the simulator to Postgres (--jdbc-url) "
                + "and/or a JSON-lines file (--output).")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    InputFlags input;

    @Mixin
    ConfigFlags config;

    @Option(names = "--kafka-bootstrap", description = "Read node metrics from Kafka (vigil.kafka.bootstrap-servers) "
            + "and send alerts to it.")
    String kafkaBootstrap;

    @Option(names = "--kafka-topic", description = "Topic of node metrics (vigil.kafka.topic, default vigil-node-metrics).")
    String kafkaTopic;

    @Option(names = "--kafka-group", description = "Consumer group (vigil.kafka.group-id, default vigil).")
    String kafkaGroup;

    @Option(names = "--events-topic", description = "Topic of flows/events, kept raw in raw_events "
            + "(vigil.kafka.events-topic).")
    String eventsTopic;

    @Option(names = "--alerts-topic", description = "Topic of alerts (vigil.kafka.alerts-topic, default vigil-alerts).")
    String alertsTopic;

    @Option(names = "--bounded", description = "Stop at the end of the input: Kafka's offsets at start, as a replay.")
    boolean bounded;

    @Option(names = "--simulate", description = "Add the cluster simulator as an input.")
    boolean simulate;

    @Option(names = "--rate", defaultValue = "0",
            description = "Simulated samples per second, 0 for as fast as it goes (default: ${DEFAULT-VALUE}).")
    double rate;

    @Mixin
    SimulatorFlags simulator;

    @Option(names = "--scrape", paramLabel = "[NODE=]URL", description = "Scrape this node-exporter endpoint "
            + "(vigil.scrape.targets); repeatable. The node is NODE=, else --node, else the URL's host.")
    List<String> scrape;

    @Option(names = "--scrape-interval", description = "Time between scrapes, e.g. 1s (vigil.scrape.interval, "
            + "default 10s).")
    String scrapeInterval;

    @Option(names = "--discover", paramLabel = "NAMESPACE/SERVICE", description = "Scrape the endpoints of this "
            + "Kubernetes Service, kept current while running (vigil.scrape.discovery.service).")
    String discover;

    @Option(names = "--output", paramLabel = "FILE.jsonl", description = "Also write every score to this file as "
            + "a JSON line as soon as it is scored (- for standard output); Postgres becomes optional.")
    Path output;

    @Override
    public Integer call() throws Exception {
        Configuration conf = Environments.harden(config.configuration());
        setIfGiven(conf, VigilOptions.KAFKA_BOOTSTRAP, kafkaBootstrap);
        setIfGiven(conf, VigilOptions.KAFKA_TOPIC, kafkaTopic);
        setIfGiven(conf, VigilOptions.KAFKA_GROUP_ID, kafkaGroup);
        setIfGiven(conf, VigilOptions.KAFKA_ALERTS_TOPIC, alertsTopic);
        setIfGiven(conf, VigilOptions.KAFKA_EVENTS_TOPIC, eventsTopic);
        setIfGiven(conf, VigilOptions.SCRAPE_DISCOVERY_SERVICE, discover);
        if (scrape != null) {
            conf.set(VigilOptions.SCRAPE_TARGETS, scrape);
        }
        if (scrapeInterval != null) {
            conf.set(VigilOptions.SCRAPE_INTERVAL, TimeUtils.parseDuration(scrapeInterval));
        }
        if (conf.getOptional(CheckpointingOptions.CHECKPOINTING_INTERVAL).isEmpty()) {
            // Offsets, Postgres batches and alert transactions are all committed on checkpoints.
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(10));
        }
        PostgresSettings pg = Environments.migratedPostgres(conf).orElse(null);
        if (pg == null && output == null) {
            System.err.println("vigil run: results need Postgres (--jdbc-url or vigil.jdbc.url) or --output FILE.jsonl");
            return 2;
        }
        List<Input> inputs = new ArrayList<>(input.fileInputs());
        scrapeInput(conf).ifPresent(inputs::add);
        Optional<KafkaSettings> kafka = JobSettings.kafka(conf);
        kafka.ifPresent(k -> inputs.add(new KafkaInput(k, bounded)));
        if (simulate) {
            inputs.add(new SimulatorInput(simulator.settings(), rate));
        }
        if (inputs.isEmpty()) {
            System.err.println("vigil run: no input: give --input FILE, --kafka-bootstrap HOST:PORT, --scrape URL, "
                    + "--discover NAMESPACE/SERVICE or --simulate");
            return 2;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        Outputs outputs = pg != null ? new PostgresOutputs(pg) : null;
        if (output != null) {
            if (!output.toString().equals("-")) {
                Files.deleteIfExists(output); // the sink appends, so that a restored job keeps what it wrote
            }
            Outputs live = new LiveFileOutputs(output);
            outputs = outputs == null ? live : Outputs.both(outputs, live);
        }
        if (kafka.isPresent()) {
            outputs = Outputs.both(outputs, new KafkaAlertOutputs(kafka.get().bootstrapServers(),
                    conf.get(VigilOptions.KAFKA_ALERTS_TOPIC), kafka.get().properties()));
        }
        EventFormat eventsFormat = eventsFormat(conf.get(VigilOptions.KAFKA_EVENTS_FORMAT));
        List<KafkaEventsInput> events = kafka.flatMap(k -> conf.getOptional(VigilOptions.KAFKA_EVENTS_TOPIC)
                .map(topic -> new KafkaEventsInput(k, topic, bounded, eventsFormat))).stream().toList();
        VigilPipeline.build(env, inputs, events, outputs, JobSettings.from(conf));
        env.execute("vigil");
        return 0;
    }

    /** The events topic's format: auto, hubble, falco or json (CSV needs a header, which a topic has not). */
    static EventFormat eventsFormat(String name) {
        for (EventFormat f : EventFormat.values()) {
            if (f != EventFormat.CSV && f.name().equalsIgnoreCase(name.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("vigil.kafka.events-format must be auto, hubble, falco or json, got '"
                + name + "'");
    }

    /** The scrape input when targets are listed or discovery is configured. */
    private Optional<Input> scrapeInput(Configuration conf) {
        List<ScrapeTarget> targets = conf.getOptional(VigilOptions.SCRAPE_TARGETS).orElse(List.of()).stream()
                .map(spec -> ScrapeTarget.parse(spec, input.node)).toList();
        TargetDiscovery discovery = conf.getOptional(VigilOptions.SCRAPE_DISCOVERY_SERVICE)
                .map(service -> (TargetDiscovery) KubernetesDiscovery.of(service,
                        conf.get(VigilOptions.SCRAPE_DISCOVERY_PORT), conf.get(VigilOptions.SCRAPE_DISCOVERY_PATH)))
                .orElse(null);
        if (targets.isEmpty() && discovery == null) {
            return Optional.empty();
        }
        return Optional.of(new ScrapeInput(targets, discovery, JobSettings.scrape(conf)));
    }

    private static void setIfGiven(Configuration conf, org.apache.flink.configuration.ConfigOption<String> option,
            String value) {
        if (value != null) {
            conf.set(option, value);
        }
    }
}
