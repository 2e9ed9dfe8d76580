package dev.vigil.job;

import dev.vigil.sources.scrape.DeviceFilter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Every Vigil setting, as a Flink {@link ConfigOption} under the prefix {@code vigil.}. They can be set in
 * {@code config.yaml}, in a FlinkDeployment's {@code flinkConfiguration}, or by the CLI flags that name them.
 */
public final class VigilOptions {

    private VigilOptions() {
    }

    public static final ConfigOption<Double> ZSCORE_THRESHOLD = ConfigOptions.key("vigil.zscore.threshold")
            .doubleType().defaultValue(3.0)
            .withDescription("A sample is an anomaly when any feature's |z| reaches this. Seed 004 suggests 2.0.");

    public static final ConfigOption<Integer> ZSCORE_WARMUP = ConfigOptions.key("vigil.zscore.warmup")
            .intType().defaultValue(30)
            .withDescription("Samples a feature's baseline needs before its z is reported and may flag.");

    public static final ConfigOption<Duration> ZSCORE_HALF_LIFE = ConfigOptions.key("vigil.zscore.half-life")
            .durationType().noDefaultValue()
            .withDescription("Half-life of exponential decay of the baseline in event time; unset: no decay.");

    public static final ConfigOption<Boolean> ZSCORE_UPDATE_ON_ANOMALY =
            ConfigOptions.key("vigil.zscore.update-on-anomaly").booleanType().defaultValue(false)
                    .withDescription("Whether flagged samples update the baseline (false: attacks do not poison it).");

    public static final ConfigOption<Integer> ZSCORE_TOP_FEATURES = ConfigOptions.key("vigil.zscore.top-features")
            .intType().defaultValue(3)
            .withDescription("How many of the most deviating features explain each score.");

    public static final ConfigOption<Double> ZSCORE_MIN_STDDEV = ConfigOptions.key("vigil.zscore.min-stddev")
            .doubleType().defaultValue(1e-6)
            .withDescription("Smallest standard deviation used, so a feature that never varied cannot divide by 0.");

    public static final ConfigOption<Double> ZSCORE_MIN_RELATIVE_STDDEV =
            ConfigOptions.key("vigil.zscore.min-relative-stddev").doubleType().defaultValue(1e-3)
                    .withDescription("Smallest standard deviation as a fraction of the baseline mean, so a gauge that "
                            + "sat still is not flagged for a change in its last digits.");

    public static final ConfigOption<List<String>> COUNTERS = ConfigOptions.key("vigil.features.counters")
            .stringType().asList().defaultValues(dev.vigil.core.features.NodeFeatures.SEED_COUNTERS.stream()
                    .sorted().toArray(String[]::new))
            .withDescription("Features that are cumulative counters, scored as per-second rates.");

    public static final ConfigOption<Duration> OUT_OF_ORDERNESS = ConfigOptions.key("vigil.watermark.out-of-orderness")
            .durationType().defaultValue(Duration.ofSeconds(5))
            .withDescription("How late a sample may arrive behind the newest one and still be scored in order.");

    public static final ConfigOption<Duration> IDLENESS = ConfigOptions.key("vigil.watermark.idleness")
            .durationType().defaultValue(Duration.ofSeconds(30))
            .withDescription("A source split without data for this long no longer holds back event time.");

    public static final ConfigOption<Duration> STATE_TTL = ConfigOptions.key("vigil.state.ttl")
            .durationType().defaultValue(Duration.ofDays(7))
            .withDescription("A node's baseline is dropped after this long without a sample (nodes that vanish).");

    public static final ConfigOption<Integer> SCORING_BATCH_SIZE = ConfigOptions.key("vigil.scoring.mini-batch.size")
            .intType().defaultValue(50_000)
            .withDescription("Samples the scoring operator collects in memory before it reads and writes each node's "
                    + "state once for all of them; 1 handles every sample on arrival.");

    public static final ConfigOption<Duration> SCORING_BATCH_LATENCY =
            ConfigOptions.key("vigil.scoring.mini-batch.allow-latency")
            .durationType().defaultValue(Duration.ofMillis(200))
            .withDescription("The longest a sample waits in the scoring operator's mini-batch before it is handled.");

    public static final ConfigOption<Integer> MAX_RECORD_BYTES = ConfigOptions.key("vigil.input.max-record-bytes")
            .intType().defaultValue(1 << 20)
            .withDescription("Input records larger than this are rejected without being read whole.");

    public static final ConfigOption<Boolean> WINDOWS_ENABLED = ConfigOptions.key("vigil.window.enabled")
            .booleanType().defaultValue(true)
            .withDescription("Whether sliding windows are cut per node for models and incidents.");

    public static final ConfigOption<Duration> WINDOW_SIZE = ConfigOptions.key("vigil.window.size")
            .durationType().defaultValue(Duration.ofSeconds(60))
            .withDescription("Length of a sliding window; a whole multiple of the slide. Models must be trained "
                    + "with the same size, slide and sample interval.");

    public static final ConfigOption<Duration> WINDOW_SLIDE = ConfigOptions.key("vigil.window.slide")
            .durationType().defaultValue(Duration.ofSeconds(10))
            .withDescription("How often a node's window is evaluated (one pane of pre-aggregated samples each).");

    public static final ConfigOption<Duration> WINDOW_SAMPLE_INTERVAL = ConfigOptions.key("vigil.window.sample-interval")
            .durationType().defaultValue(Duration.ofSeconds(10))
            .withDescription("Expected time between a node's samples, for the window_coverage feature.");

    public static final ConfigOption<List<String>> MODELS = ConfigOptions.key("vigil.models")
            .stringType().asList().defaultValues()
            .withDescription("Window classifiers as NAME=PATH of Tribuo model files written by vigil train; "
                    + "each window gets one row per model in window_predictions.");

    public static final ConfigOption<Double> INCIDENT_Z_FRACTION = ConfigOptions.key("vigil.incident.z-fraction")
            .doubleType().defaultValue(0.8)
            .withDescription("A window is flagged by the z-score when at least this fraction of its samples were "
                    + "anomalies (a model flags it when it says attack).");

    public static final ConfigOption<Double> INCIDENT_MODEL_PROBABILITY =
            ConfigOptions.key("vigil.incident.model-probability").doubleType().defaultValue(0.9)
                    .withDescription("A model flags a window for incidents when it says attack with at least this "
                            + "probability (window_predictions keeps every verdict).");

    public static final ConfigOption<Integer> INCIDENT_MIN_WINDOWS = ConfigOptions.key("vigil.incident.min-windows")
            .intType().defaultValue(3)
            .withDescription("An incident is written to alerts once it holds this many flagged windows.");

    public static final ConfigOption<Duration> INCIDENT_QUIET = ConfigOptions.key("vigil.incident.quiet-period")
            .durationType().defaultValue(Duration.ofSeconds(60))
            .withDescription("An incident closes after this long without a flagged window.");

    public static final ConfigOption<String> JDBC_URL = ConfigOptions.key("vigil.jdbc.url")
            .stringType().noDefaultValue()
            .withDescription("Postgres JDBC URL for results, e.g. jdbc:postgresql://db:5432/vigil.");

    public static final ConfigOption<String> JDBC_USER = ConfigOptions.key("vigil.jdbc.user")
            .stringType().defaultValue("vigil")
            .withDescription("Postgres user.");

    public static final ConfigOption<String> JDBC_PASSWORD_ENV = ConfigOptions.key("vigil.jdbc.password-env")
            .stringType().defaultValue("VIGIL_JDBC_PASSWORD")
            .withDescription("Name of the environment variable holding the Postgres password.");

    public static final ConfigOption<Integer> JDBC_BATCH_SIZE = ConfigOptions.key("vigil.jdbc.batch-size")
            .intType().defaultValue(5000)
            .withDescription("Rows per upsert batch.");

    public static final ConfigOption<Duration> JDBC_BATCH_INTERVAL = ConfigOptions.key("vigil.jdbc.batch-interval")
            .durationType().defaultValue(Duration.ofSeconds(1))
            .withDescription("Longest time a row waits in a batch.");

    public static final ConfigOption<Integer> JDBC_MAX_RETRIES = ConfigOptions.key("vigil.jdbc.max-retries")
            .intType().defaultValue(5)
            .withDescription("Retries of a failed batch before the job restarts from its last checkpoint.");

    public static final ConfigOption<String> KAFKA_BOOTSTRAP = ConfigOptions.key("vigil.kafka.bootstrap-servers")
            .stringType().noDefaultValue()
            .withDescription("Kafka bootstrap servers; when set, node metrics are read from Kafka and alerts written to it.");

    public static final ConfigOption<String> KAFKA_TOPIC = ConfigOptions.key("vigil.kafka.topic")
            .stringType().defaultValue("vigil-node-metrics")
            .withDescription("Topic of node metrics in Vigil's JSON format.");

    public static final ConfigOption<String> KAFKA_GROUP_ID = ConfigOptions.key("vigil.kafka.group-id")
            .stringType().defaultValue("vigil")
            .withDescription("Consumer group; offsets are committed to it on every checkpoint.");

    public static final ConfigOption<String> KAFKA_STARTING_OFFSETS = ConfigOptions.key("vigil.kafka.starting-offsets")
            .stringType().defaultValue("earliest")
            .withDescription("Where to start when the group has no committed offsets: earliest or latest.");

    public static final ConfigOption<Map<String, String>> KAFKA_PROPERTIES = ConfigOptions.key("vigil.kafka.properties")
            .mapType().defaultValue(Map.of())
            .withDescription("Kafka client properties passed through to consumer and producer, e.g. "
                    + "security.protocol:SASL_SSL,sasl.mechanism:SCRAM-SHA-512.");

    public static final ConfigOption<String> KAFKA_ALERTS_TOPIC = ConfigOptions.key("vigil.kafka.alerts-topic")
            .stringType().defaultValue("vigil-alerts")
            .withDescription("Topic that receives one JSON message per anomaly (transactional, exactly-once).");

    public static final ConfigOption<String> KAFKA_EVENTS_TOPIC = ConfigOptions.key("vigil.kafka.events-topic")
            .stringType().noDefaultValue()
            .withDescription("Topic of traffic flows and events (Hubble, Falco or Vigil JSON): each record is kept "
                    + "unchanged in raw_events and parsed into flow_events, or rejected with its reason.");

    public static final ConfigOption<String> KAFKA_EVENTS_FORMAT = ConfigOptions.key("vigil.kafka.events-format")
            .stringType().defaultValue("auto")
            .withDescription("Format of the events topic: auto (decided per record), hubble, falco or json.");

    public static final ConfigOption<List<String>> SCRAPE_TARGETS = ConfigOptions.key("vigil.scrape.targets")
            .stringType().asList().noDefaultValue()
            .withDescription("node-exporter endpoints to scrape, each NODE=URL or a URL (node: --node or the host).");

    public static final ConfigOption<Duration> SCRAPE_INTERVAL = ConfigOptions.key("vigil.scrape.interval")
            .durationType().defaultValue(Duration.ofSeconds(10))
            .withDescription("Time between two scrapes of a target; samples are stamped on this grid.");

    public static final ConfigOption<Duration> SCRAPE_TIMEOUT = ConfigOptions.key("vigil.scrape.timeout")
            .durationType().noDefaultValue()
            .withDescription("Time a scrape may take before it counts as failed (default: half the interval, "
                    + "at most 5 s).");

    public static final ConfigOption<Integer> SCRAPE_MAX_BYTES = ConfigOptions.key("vigil.scrape.max-bytes")
            .intType().defaultValue(8 << 20)
            .withDescription("Largest scrape response accepted; a larger one is a failed scrape.");

    public static final ConfigOption<String> SCRAPE_ROOT_MOUNTPOINT = ConfigOptions.key("vigil.scrape.root-mountpoint")
            .stringType().defaultValue("/")
            .withDescription("Mount point whose filesystem gives disk_av_per.");

    public static final ConfigOption<String> SCRAPE_DISK_INCLUDE = ConfigOptions.key("vigil.scrape.disk-include")
            .stringType().defaultValue(DeviceFilter.DISKS.include())
            .withDescription("Disks whose bytes count in disk_read/disk_write (whole-name regular expression).");

    public static final ConfigOption<String> SCRAPE_DISK_EXCLUDE = ConfigOptions.key("vigil.scrape.disk-exclude")
            .stringType().defaultValue(DeviceFilter.DISKS.exclude())
            .withDescription("Disks left out: partitions, loop, RAM and device-mapper devices by default.");

    public static final ConfigOption<String> SCRAPE_NIC_INCLUDE = ConfigOptions.key("vigil.scrape.nic-include")
            .stringType().defaultValue(DeviceFilter.NICS.include())
            .withDescription("Network interfaces whose counters are summed (whole-name regular expression).");

    public static final ConfigOption<String> SCRAPE_NIC_EXCLUDE = ConfigOptions.key("vigil.scrape.nic-exclude")
            .stringType().defaultValue(DeviceFilter.NICS.exclude())
            .withDescription("Interfaces left out: loopback, bridges, tunnels and CNI pod interfaces by default.");

    public static final ConfigOption<String> SCRAPE_DISCOVERY_SERVICE =
            ConfigOptions.key("vigil.scrape.discovery.service")
            .stringType().noDefaultValue()
            .withDescription("Discover targets from the EndpointSlices of this Kubernetes Service, as "
                    + "NAMESPACE/NAME (the node-exporter DaemonSet's headless Service).");

    public static final ConfigOption<String> SCRAPE_DISCOVERY_PORT = ConfigOptions.key("vigil.scrape.discovery.port")
            .stringType().defaultValue("metrics")
            .withDescription("Port name (or number) of the discovered endpoints to scrape.");

    public static final ConfigOption<String> SCRAPE_DISCOVERY_PATH = ConfigOptions.key("vigil.scrape.discovery.path")
            .stringType().defaultValue("/metrics")
            .withDescription("HTTP path of the discovered endpoints.");

    public static final ConfigOption<Duration> SCRAPE_DISCOVERY_INTERVAL =
            ConfigOptions.key("vigil.scrape.discovery.interval")
            .durationType().defaultValue(Duration.ofSeconds(30))
            .withDescription("Time between two discoveries: targets are added and removed while the job runs.");
}
