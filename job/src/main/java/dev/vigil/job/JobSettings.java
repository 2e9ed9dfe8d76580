package dev.vigil.job;

import dev.vigil.core.scoring.ZScoreSettings;
import dev.vigil.sinks.postgres.PostgresSettings;
import dev.vigil.sources.kafka.KafkaSettings;
import dev.vigil.sources.scrape.DeviceFilter;
import dev.vigil.sources.scrape.ScrapeSettings;
import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.function.Function;
import org.apache.flink.configuration.ReadableConfig;

/** The settings of one job, read once from the configuration and passed down immutable. */
public record JobSettings(
        ZScoreSettings scoring,
        Duration outOfOrderness,
        Duration idleness,
        Duration stateTtl,
        int scoringBatchSize,
        Duration scoringBatchLatency,
        int maxRecordBytes,
        WindowSettings windows) implements Serializable {

    /** Reads the {@code vigil.} options of {@code config}. */
    public static JobSettings from(ReadableConfig config) {
        ZScoreSettings scoring = new ZScoreSettings(
                new LinkedHashSet<>(config.get(VigilOptions.COUNTERS)),
                config.get(VigilOptions.ZSCORE_THRESHOLD),
                config.get(VigilOptions.ZSCORE_WARMUP),
                config.getOptional(VigilOptions.ZSCORE_HALF_LIFE).orElse(null),
                config.get(VigilOptions.ZSCORE_UPDATE_ON_ANOMALY),
                config.get(VigilOptions.ZSCORE_TOP_FEATURES),
                config.get(VigilOptions.ZSCORE_MIN_STDDEV),
                config.get(VigilOptions.ZSCORE_MIN_RELATIVE_STDDEV));
        return new JobSettings(scoring, config.get(VigilOptions.OUT_OF_ORDERNESS), config.get(VigilOptions.IDLENESS),
                config.get(VigilOptions.STATE_TTL), Math.max(1, config.get(VigilOptions.SCORING_BATCH_SIZE)),
                config.get(VigilOptions.SCORING_BATCH_LATENCY), config.get(VigilOptions.MAX_RECORD_BYTES),
                WindowSettings.from(config));
    }

    /**
     * Postgres settings when {@code vigil.jdbc.url} is set; the password is read from the environment
     * variable that {@code vigil.jdbc.password-env} names ({@code environment} is System::getenv in main).
     */
    public static Optional<PostgresSettings> postgres(ReadableConfig config, Function<String, String> environment) {
        return config.getOptional(VigilOptions.JDBC_URL).map(url -> new PostgresSettings(url,
                config.get(VigilOptions.JDBC_USER),
                environment.apply(config.get(VigilOptions.JDBC_PASSWORD_ENV)),
                config.get(VigilOptions.JDBC_BATCH_SIZE),
                config.get(VigilOptions.JDBC_BATCH_INTERVAL).toMillis(),
                config.get(VigilOptions.JDBC_MAX_RETRIES)));
    }

    /** Kafka input settings when {@code vigil.kafka.bootstrap-servers} is set. */
    public static Optional<KafkaSettings> kafka(ReadableConfig config) {
        return config.getOptional(VigilOptions.KAFKA_BOOTSTRAP).map(servers -> new KafkaSettings(servers,
                config.get(VigilOptions.KAFKA_TOPIC),
                config.get(VigilOptions.KAFKA_GROUP_ID),
                config.get(VigilOptions.KAFKA_STARTING_OFFSETS),
                config.get(VigilOptions.KAFKA_PROPERTIES)));
    }

    /** How to scrape node-exporter endpoints, from the {@code vigil.scrape.} options. */
    public static ScrapeSettings scrape(ReadableConfig config) {
        Duration interval = config.get(VigilOptions.SCRAPE_INTERVAL);
        Duration timeout = config.getOptional(VigilOptions.SCRAPE_TIMEOUT).orElseGet(() -> {
            Duration half = interval.dividedBy(2);
            return half.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : half;
        });
        return new ScrapeSettings(interval, timeout, config.get(VigilOptions.SCRAPE_MAX_BYTES),
                new DeviceFilter(config.get(VigilOptions.SCRAPE_DISK_INCLUDE), config.get(VigilOptions.SCRAPE_DISK_EXCLUDE)),
                new DeviceFilter(config.get(VigilOptions.SCRAPE_NIC_INCLUDE), config.get(VigilOptions.SCRAPE_NIC_EXCLUDE)),
                config.get(VigilOptions.SCRAPE_ROOT_MOUNTPOINT), config.get(VigilOptions.SCRAPE_DISCOVERY_INTERVAL),
                config.get(VigilOptions.MAX_RECORD_BYTES));
    }
}
