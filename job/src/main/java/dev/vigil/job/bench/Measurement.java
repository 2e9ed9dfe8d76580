package dev.vigil.job.bench;

import java.util.Arrays;

/** Records per second of several runs of one thing, and their median. */
public record Measurement(String name, double[] recordsPerSecond) {

    public double median() {
        double[] sorted = recordsPerSecond.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Runs {@code body} {@code warmups + runs} times over {@code records} records; the warm-ups are not kept. */
    public static Measurement of(String name, long records, int warmups, int runs, Timed body) throws Exception {
        for (int i = 0; i < warmups; i++) {
            body.seconds();
        }
        double[] rates = new double[runs];
        for (int i = 0; i < runs; i++) {
            rates[i] = records / body.seconds();
        }
        return new Measurement(name, rates);
    }

    /** One run; returns how many seconds the measured part took. */
    public interface Timed {
        double seconds() throws Exception;
    }
}
