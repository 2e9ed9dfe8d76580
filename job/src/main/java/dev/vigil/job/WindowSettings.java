package dev.vigil.job;

import dev.vigil.core.alerts.IncidentRules;
import dev.vigil.core.window.SlidingWindows;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ReadableConfig;

/**
 * How the job cuts windows, which models classify them (name to model file, as the TaskManagers see the
 * path) and when incidents open and close; read once from the {@code vigil.window.}, {@code vigil.models}
 * and {@code vigil.incident.} options.
 */
public record WindowSettings(boolean enabled, SlidingWindows windows, Map<String, String> models,
        IncidentRules incidents) implements Serializable {

    public WindowSettings {
        models = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
    }

    /** Model entries {@code NAME=PATH} (vigil.models, --model) as name to path, in their order. */
    public static Map<String, String> models(List<String> entries) {
        Map<String, String> models = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("a model is NAME=PATH (e.g. rf=/models/rf.tribuo), got '" + entry + "'");
            }
            String name = entry.substring(0, eq).trim();
            if (models.put(name, entry.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("model name '" + name + "' is given twice");
            }
        }
        return models;
    }

    public static WindowSettings from(ReadableConfig config) {
        Map<String, String> models = models(config.get(VigilOptions.MODELS));
        return new WindowSettings(config.get(VigilOptions.WINDOWS_ENABLED),
                new SlidingWindows(config.get(VigilOptions.WINDOW_SIZE), config.get(VigilOptions.WINDOW_SLIDE),
                        config.get(VigilOptions.WINDOW_SAMPLE_INTERVAL)),
                models,
                new IncidentRules(config.get(VigilOptions.INCIDENT_Z_FRACTION),
                        config.get(VigilOptions.INCIDENT_MODEL_PROBABILITY), config.get(VigilOptions.INCIDENT_QUIET),
                        config.get(VigilOptions.INCIDENT_MIN_WINDOWS)));
    }
}
