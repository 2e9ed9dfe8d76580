package dev.vigil.core.stats;

/**
 * Turns cumulative counters into per-second rates, safely across restarts.
 *
 * <p>A counter that decreased was reset (the node or exporter restarted): that interval has no rate,
 * never a negative one. The first sample of a node has no previous value and so no rate. Missing on
 * either side gives a missing rate. Gauges pass through unchanged.
 */
public final class RateConverter {

    private RateConverter() {
    }

    /**
     * Converts {@code current} in place of a new array.
     *
     * @param counter which positions are counters
     * @param previous raw values of the node's previous sample, or null for its first sample
     * @param elapsedMillis event time since the previous sample; must be positive when previous is set
     * @param current raw values of this sample
     * @return Vigil values: rates per second for counters, gauges unchanged, NaN where there is no value
     */
    public static double[] toRates(boolean[] counter, double[] previous, long elapsedMillis, double[] current) {
        if (previous != null && elapsedMillis <= 0) {
            throw new IllegalArgumentException("elapsed time must be positive, was " + elapsedMillis + " ms");
        }
        double[] out = new double[current.length];
        double seconds = elapsedMillis / 1000.0;
        for (int i = 0; i < current.length; i++) {
            if (!counter[i]) {
                out[i] = current[i];
            } else if (previous == null) {
                out[i] = Double.NaN;
            } else {
                out[i] = rate(previous[i], current[i], seconds);
            }
        }
        return out;
    }

    /** One counter's rate: NaN when either value is missing or the counter was reset. */
    public static double rate(double previous, double current, double seconds) {
        if (Double.isNaN(previous) || Double.isNaN(current)) {
            return Double.NaN;
        }
        double delta = current - previous;
        return delta < 0 ? Double.NaN : delta / seconds;
    }
}
