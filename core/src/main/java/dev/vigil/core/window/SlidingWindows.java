package dev.vigil.core.window;

import java.time.Duration;

/**
 * Sliding event-time windows of a size that is a whole number of slides, built from panes of one slide
 * each: pane {@code p} covers {@code [p·slide, (p+1)·slide)}, and the window that ends with pane {@code p}
 * merges panes {@code p−k+1 … p} (k = size / slide). The stream and the offline tools cut windows with
 * these same rules.
 */
public record SlidingWindows(Duration size, Duration slide, Duration sampleInterval) implements java.io.Serializable {

    public SlidingWindows {
        if (slide.isNegative() || slide.isZero() || size.compareTo(slide) < 0 || size.toMillis() % slide.toMillis() != 0) {
            throw new IllegalArgumentException("window size (" + size + ") must be a positive multiple of its slide ("
                    + slide + ")");
        }
        if (sampleInterval.isNegative() || sampleInterval.isZero()) {
            throw new IllegalArgumentException("sample interval must be positive, got " + sampleInterval);
        }
    }

    /** 60 s windows every 10 s over samples every 10 s, the defaults. */
    public static SlidingWindows defaults() {
        return new SlidingWindows(Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    /** Panes per window. */
    public int panes() {
        return (int) (size.toMillis() / slide.toMillis());
    }

    /** The pane that holds a sample at {@code ts}. */
    public long pane(long ts) {
        return Math.floorDiv(ts, slide.toMillis());
    }

    public long paneStart(long pane) {
        return pane * slide.toMillis();
    }

    /** Start of the window that ends with {@code lastPane}; it ends at {@code paneStart(lastPane + 1)}. */
    public long windowStart(long lastPane) {
        return paneStart(lastPane - panes() + 1);
    }

    /** Samples a full window holds when none is missing. */
    public int expectedSamples() {
        return (int) Math.max(1, size.toMillis() / sampleInterval.toMillis());
    }

    /**
     * The moments of the window that ends with pane {@code lastPane}: {@code panes} (those of the window,
     * of {@code features} features each) merged, times measured from the window's start.
     */
    public FeatureMoments window(long lastPane, int features, Iterable<FeatureMoments> panes) {
        FeatureMoments window = new FeatureMoments(features, windowStart(lastPane));
        for (FeatureMoments pane : panes) {
            window.merge(pane);
        }
        return window;
    }
}
