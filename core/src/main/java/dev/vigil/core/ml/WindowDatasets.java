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

    /** A dataset of {@code windows}; weighted so both classes count the same when {@code balance}. */
    public static MutableDataset<Label> dataset(List<WindowVector> windows, String description, boolean balance) {
        long attacks = windows.stream().filter(w -> w.attack() == 1).count();
        long normals = windows.size() - attacks;
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance(description, FACTORY), FACTORY);
        for (WindowVector w : windows) {
            Example<Label> e = example(w, w.attack() == 1 ? ATTACK : NORMAL);
            if (balance && attacks > 0 && normals > 0) {
                e.setWeight((float) (windows.size() / (2.0 * (w.attack() == 1 ? attacks : normals))));
            }
            data.add(e);
        }
        return data;
    }

    /** The example of one window, for training ({@code label} known) or prediction ({@link LabelFactory#UNKNOWN_LABEL}). */
    public static Example<Label> example(WindowVector w, Label label) {
        int present = 0;
        for (double v : w.values()) {
            present += Double.isNaN(v) ? 0 : 1;
        }
        String[] names = new String[present];
        double[] values = new double[present];
        int k = 0;
        for (int i = 0; i < w.values().length; i++) {
            if (!Double.isNaN(w.values()[i])) {
                names[k] = w.names()[i];
                values[k++] = w.values()[i];
            }
        }
        return new ArrayExample<>(label, names, values);
    }
}
