package dev.vigil.sources.scrape;

import java.util.List;

/**
 * One parsed Prometheus text exposition: its samples in input order and the lines that could not be read,
 * each as {@code line N: reason}.
 */
public record Exposition(List<Series> samples, List<String> problems) {

    /** One sample line: metric name, label pairs in input order, value and optional timestamp (ms). */
    public record Series(String name, String[] labels, double value, Long timestampMs) {

        /** The value of label {@code key}, or null. */
        public String label(String key) {
            for (int i = 0; i < labels.length; i += 2) {
                if (labels[i].equals(key)) {
                    return labels[i + 1];
                }
            }
            return null;
        }
    }
}
