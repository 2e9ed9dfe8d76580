package dev.vigil.core.alerts;

import java.time.Duration;
import java.util.Arrays;

/**
 * When windows open, extend and close a node's incident. A window is flagged when at least
 * {@code zFraction} of its samples were z-score anomalies, or when any model says attack with a probability
 * of at least {@code modelProbability}; a single noisy
 * sample therefore does not open an incident (about 7 % of calm samples reach |z| 3 on one of 24
 * features, but five of six in one window would happen about once in 100,000 windows if flags were
 * independent; they are not: load averages and socket counts move together). A flagged window opens an
 * incident or extends the open one; the incident closes at the first window, or the first moment, a
 * {@code quietPeriod} after its last flagged window. It is reported once it holds {@code minWindows}
 * flagged windows.
 */
public record IncidentRules(double zFraction, double modelProbability, Duration quietPeriod, int minWindows)
        implements java.io.Serializable {

    public IncidentRules {
        if (!(modelProbability > 0 && modelProbability <= 1)) {
            throw new IllegalArgumentException("a model's probability of attack must be in (0, 1], got " + modelProbability);
        }
        if (minWindows < 1) {
            throw new IllegalArgumentException("an incident needs at least one flagged window, got " + minWindows);
        }
        if (!(zFraction > 0 && zFraction <= 1)) {
            throw new IllegalArgumentException("the flagged fraction of a window must be in (0, 1], got " + zFraction);
        }
        if (quietPeriod.isNegative() || quietPeriod.isZero()) {
            throw new IllegalArgumentException("the quiet period must be positive, got " + quietPeriod);
        }
    }

    public static IncidentRules defaults() {
        return new IncidentRules(0.8, 0.9, Duration.ofSeconds(60), 3);
    }

    /**
     * Whether {@code incident} is reported: once it holds {@code minWindows} flagged windows. A lone flagged
     * window (one noisy minute) is tracked but never written.
     */
    public boolean reported(Incident incident) {
        return incident != null && incident.windows() >= minWindows;
    }

    /** Whether the z-score flags {@code vote}'s window. */
    public boolean zFlags(WindowVote vote) {
        return vote.flaggedFraction() >= zFraction;
    }

    /** Whether {@code vote}'s window is flagged at all. */
    public boolean flags(WindowVote vote) {
        if (zFlags(vote)) {
            return true;
        }
        for (int m = 0; m < vote.modelSays().length; m++) {
            if (modelFlags(vote, m)) {
                return true;
            }
        }
        return false;
    }

    /** Whether model {@code m} flags {@code vote}'s window: it says attack with at least {@code modelProbability}. */
    public boolean modelFlags(WindowVote vote, int m) {
        return vote.modelSays()[m] && vote.probabilities()[m] >= modelProbability;
    }

    /**
     * The node's incident after window {@code vote}: {@code current} (null or closed: none open) opened,
     * extended, closed or unchanged. The result is {@code current} itself when nothing changed.
     */
    public Incident apply(String node, Incident current, WindowVote vote) {
        boolean open = current != null && !current.closed();
        if (!flags(vote)) {
            return open && vote.end() - current.lastSeen() >= quietPeriod.toMillis() ? close(current) : current;
        }
        if (!open) {
            int m = vote.models().length;
            double[] noZ = new double[vote.features().length];
            Arrays.fill(noZ, Double.NaN);
            current = new Incident(node, vote.end(), vote.end(), false, 0, 0, vote.features(), noZ, vote.models(),
                    new int[m], new double[m], null);
        }
        return extend(current, vote);
    }

    /** {@code incident} closed, when it is open and {@code now} is a quiet period past its last flag. */
    public Incident closeIfQuiet(Incident incident, long now) {
        if (incident != null && !incident.closed() && now - incident.lastSeen() >= quietPeriod.toMillis()) {
            return close(incident);
        }
        return incident;
    }

    /** When an open incident must be closed if no window flags again. */
    public long quietDeadline(Incident incident) {
        return incident.lastSeen() + quietPeriod.toMillis();
    }

    private static Incident close(Incident i) {
        return new Incident(i.node(), i.openedAt(), i.lastSeen(), true, i.windows(), i.zWindows(), i.features(),
                i.maxAbsZ(), i.models(), i.modelWindows(), i.modelMaxProbability(), i.label());
    }

    private Incident extend(Incident i, WindowVote v) {
        double[] maxAbsZ = i.maxAbsZ();
        String[] features = i.features();
        if (Arrays.equals(features, v.features())) {
            maxAbsZ = maxAbsZ.clone();
            for (int f = 0; f < maxAbsZ.length; f++) {
                double z = v.maxAbsZ()[f];
                if (!Double.isNaN(z) && (Double.isNaN(maxAbsZ[f]) || z > maxAbsZ[f])) {
                    maxAbsZ[f] = z;
                }
            }
        } // a node whose feature list changed mid-incident keeps the evidence of the first list
        int[] modelWindows = i.modelWindows().clone();
        double[] maxProbability = i.modelMaxProbability().clone();
        if (Arrays.equals(i.models(), v.models())) {
            for (int m = 0; m < modelWindows.length; m++) {
                modelWindows[m] += modelFlags(v, m) ? 1 : 0;
                if (!Double.isNaN(v.probabilities()[m])) {
                    maxProbability[m] = Math.max(maxProbability[m], v.probabilities()[m]);
                }
            }
        }
        Integer label = i.label();
        if (v.label() != null) {
            label = label == null ? v.label() : Math.max(label, v.label());
        }
        return new Incident(i.node(), i.openedAt(), v.end(), false, i.windows() + 1,
                i.zWindows() + (zFlags(v) ? 1 : 0), features, maxAbsZ, i.models(), modelWindows, maxProbability, label);
    }
}
