package dev.vigil.core.ml;

import dev.vigil.core.window.WindowVector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Labelled windows as Tribuo datasets, and the train/test splits. A missing window statistic (NaN) is left
 * out of the example, which Tribuo's models read as zero. Training examples are weighted so both classes
 * weigh the same in total: attacks are rare, and an unweighted model learns to say "normal".
 */
public final class WindowDatasets {

    public static final Label ATTACK = new Label("attack");
    public static final Label NORMAL = new Label("normal");
    static final LabelFactory FACTORY = new LabelFactory();

    private WindowDatasets() {
    }

    /** How windows are split into training and test sets. */
    public enum Split {
        /** The earliest windows train, the latest test: what a deployed model faces. */
        TIME,
        /** A seeded shuffle, for comparison with published protocols only (neighbouring windows overlap). */
        RANDOM
    }

    /** Training and test windows. */
    public record TrainTest(List<WindowVector> train, List<WindowVector> test) {
    }

    /** Splits labelled {@code windows} (unlabelled ones are dropped), {@code testFraction} of them to test. */
    public static TrainTest split(List<WindowVector> windows, Split split, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be between 0 and 1, got " + testFraction);
        }
        List<WindowVector> labelled = new ArrayList<>(windows.stream().filter(w -> w.attack() != null).toList());
        if (split == Split.TIME) {
            labelled.sort(Comparator.comparingLong(WindowVector::end).thenComparing(WindowVector::node));
        } else {
            java.util.Collections.shuffle(labelled, new Random(seed));
        }
        int cut = (int) Math.round(labelled.size() * (1 - testFraction));
        return new TrainTest(labelled.subList(0, cut), labelled.subList(cut, labelled.size()));
    }

    /**
     * A dataset of {@code windows}; weighted so both classes count the same when {@code balance}. Features
     * that never vary across these windows carry no information and are left out (a standardisation of
     * them would divide by zero); a model ignores them when it predicts.
     */
    public static MutableDataset<Label> dataset(List<WindowVector> windows, String description, boolean balance) {
        return dataset(windows, description, balance, 1);
    }

    /**
     * As {@link #dataset(List, String, boolean)}, for vectors of {@code steps} equal slices (window sequences):
     * a feature is kept in every step or in none, so the slices keep one layout.
     */
    public static MutableDataset<Label> dataset(List<WindowVector> windows, String description, boolean balance,
            int steps) {
        long attacks = windows.stream().filter(w -> w.attack() == 1).count();
        long normals = windows.size() - attacks;
        boolean[] varies = varying(windows);
        if (steps > 1) {
            int width = varies.length / steps;
            for (int f = 0; f < width; f++) {
                boolean everyStep = true;
                for (int t = 0; t < steps; t++) {
                    everyStep &= varies[t * width + f];
                }
                for (int t = 0; t < steps; t++) {
                    varies[t * width + f] = everyStep;
                }
            }
        }
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance(description, FACTORY), FACTORY);
        for (WindowVector w : windows) {
            Example<Label> e = example(w, w.attack() == 1 ? ATTACK : NORMAL, varies);
            if (balance && attacks > 0 && normals > 0) {
                e.setWeight((float) (windows.size() / (2.0 * (w.attack() == 1 ? attacks : normals))));
            }
            data.add(e);
        }
        return data;
    }

    /**
     * {@code windows} with each attack window repeated so the classes are about even, for trainers that
     * ignore example weights.
     */
    public static List<WindowVector> balanced(List<WindowVector> windows) {
        long attacks = windows.stream().filter(w -> w.attack() == 1).count();
        long normals = windows.size() - attacks;
        if (attacks == 0 || attacks >= normals) {
            return windows;
        }
        int copies = (int) Math.max(1, Math.round((double) normals / attacks));
        List<WindowVector> out = new ArrayList<>(windows.size() + (int) attacks * (copies - 1));
        for (WindowVector w : windows) {
            for (int i = w.attack() == 1 ? copies : 1; i > 0; i--) {
                out.add(w);
            }
        }
        return out;
    }

    /** The example of one window, for training ({@code label} known) or prediction ({@link LabelFactory#UNKNOWN_LABEL}). */
    public static Example<Label> example(WindowVector w, Label label) {
        return example(w, label, null);
    }

    private static Example<Label> example(WindowVector w, Label label, boolean[] keep) {
        int present = 0;
        for (int i = 0; i < w.values().length; i++) {
            present += Double.isNaN(w.values()[i]) || (keep != null && !keep[i]) ? 0 : 1;
        }
        String[] names = new String[present];
        double[] values = new double[present];
        int k = 0;
        for (int i = 0; i < w.values().length; i++) {
            if (!Double.isNaN(w.values()[i]) && (keep == null || keep[i])) {
                names[k] = w.names()[i];
                values[k++] = w.values()[i];
            }
        }
        return new ArrayExample<>(label, names, values);
    }

    /** Per feature position: whether its present values differ anywhere in {@code windows}. */
    private static boolean[] varying(List<WindowVector> windows) {
        int n = windows.isEmpty() ? 0 : windows.get(0).values().length;
        boolean[] varies = new boolean[n];
        double[] seen = new double[n];
        java.util.Arrays.fill(seen, Double.NaN);
        for (WindowVector w : windows) {
            for (int i = 0; i < n; i++) {
                double v = w.values()[i];
                if (!Double.isNaN(v)) {
                    if (Double.isNaN(seen[i])) {
                        seen[i] = v;
                    } else if (v != seen[i]) {
                        varies[i] = true;
                    }
                }
            }
        }
        return varies;
    }
}
