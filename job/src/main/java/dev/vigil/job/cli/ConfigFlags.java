package dev.vigil.job.cli;

import dev.vigil.core.ml.WindowModels;
import dev.vigil.job.VigilOptions;
import dev.vigil.job.WindowSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.StateBackendOptions;
import picocli.CommandLine.Option;

/**
 * Flags shared by the commands that run the pipeline. Each flag sets a {@code vigil.} option (or a Flink
 * option) on top of {@code $FLINK_CONF_DIR/config.yaml}; {@code --conf key=value} sets any other.
 */
public final class ConfigFlags {

    @Option(names = "--threshold", description = "Flag when any |z| reaches this (vigil.zscore.threshold, default 3.0).")
    Double threshold;

    @Option(names = "--warmup", description = "Samples before a feature may flag (vigil.zscore.warmup, default 30).")
    Integer warmup;

    @Option(names = "--half-life", description = "Exponential decay of baselines, e.g. 6h (vigil.zscore.half-life; default none).")
    String halfLife;

    @Option(names = "--update-on-anomaly", description = "Let flagged samples update the baseline (default: they do not).")
    boolean updateOnAnomaly;

    @Option(names = "--counters", split = ",", description = "Features that are counters (default: the seed's ten).")
    List<String> counters;

    @Option(names = "--state", description = "State backend: rocksdb or heap (default from config.yaml: rocksdb).")
    StateKind state;

    @Option(names = "--jdbc-url", description = "Postgres for results (vigil.jdbc.url), e.g. jdbc:postgresql://localhost:5432/vigil.")
    String jdbcUrl;

    @Option(names = "--jdbc-user", description = "Postgres user (vigil.jdbc.user, default vigil).")
    String jdbcUser;

    @Option(names = "--jdbc-password-env", description = "Environment variable with the password (default VIGIL_JDBC_PASSWORD).")
    String jdbcPasswordEnv;

    @Option(names = "--model", paramLabel = "NAME=FILE",
            description = "A window classifier written by vigil train, e.g. linear=models/linear.tribuo; repeatable "
                    + "(vigil.models). Every window gets one row per model in window_predictions.")
    List<String> models;

    @Option(names = "--conf", description = "Any Flink or vigil.* setting as key=value; repeatable.")
    Map<String, String> extra;

    /** The two state backends. */
    public enum StateKind {
        ROCKSDB("rocksdb"), HEAP("hashmap");

        final String flinkName;

        StateKind(String flinkName) {
            this.flinkName = flinkName;
        }
    }

    /** config.yaml from FLINK_CONF_DIR (when set) with these flags on top. */
    public Configuration configuration() {
        String dir = System.getenv("FLINK_CONF_DIR");
        Configuration conf = dir != null && Files.isRegularFile(Path.of(dir, "config.yaml"))
                ? GlobalConfiguration.loadConfiguration(dir) : new Configuration();
        if (extra != null) {
            conf.addAll(Configuration.fromMap(extra));
        }
        if (threshold != null) {
            conf.set(VigilOptions.ZSCORE_THRESHOLD, threshold);
        }
        if (warmup != null) {
            conf.set(VigilOptions.ZSCORE_WARMUP, warmup);
        }
        if (halfLife != null) {
            conf.setString(VigilOptions.ZSCORE_HALF_LIFE.key(), halfLife);
        }
        if (updateOnAnomaly) {
            conf.set(VigilOptions.ZSCORE_UPDATE_ON_ANOMALY, true);
        }
        if (counters != null) {
            conf.set(VigilOptions.COUNTERS, new ArrayList<>(counters));
        }
        if (state != null) {
            conf.set(StateBackendOptions.STATE_BACKEND, state.flinkName);
        }
        if (jdbcUrl != null) {
            conf.set(VigilOptions.JDBC_URL, jdbcUrl);
        }
        if (jdbcUser != null) {
            conf.set(VigilOptions.JDBC_USER, jdbcUser);
        }
        if (jdbcPasswordEnv != null) {
            conf.set(VigilOptions.JDBC_PASSWORD_ENV, jdbcPasswordEnv);
        }
        if (models != null) {
            List<String> absolute = new ArrayList<>();
            for (Map.Entry<String, String> m : WindowSettings.models(models).entrySet()) {
                Path file = Path.of(m.getValue()).toAbsolutePath();
                try {
                    WindowModels.load(file);
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException("--model " + m.getKey() + "=" + m.getValue() + ": " + e.getMessage());
                }
                absolute.add(m.getKey() + "=" + file);
            }
            conf.set(VigilOptions.MODELS, absolute);
        }
        return conf;
    }
}
