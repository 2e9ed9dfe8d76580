package dev.vigil.job.cli;

import dev.vigil.core.event.FlowEvent;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.flow.EventSequences;
import dev.vigil.core.flow.FeatureSet;
import dev.vigil.core.ml.WindowClassifiers;
import dev.vigil.core.ml.WindowDatasets;
import dev.vigil.core.ml.WindowEvaluation;
import dev.vigil.core.ml.WindowModels;
import dev.vigil.core.window.SlidingWindows;
import dev.vigil.core.window.WindowSequences;
import dev.vigil.core.window.WindowVector;
import dev.vigil.core.window.Windower;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Trains window classifiers on labelled node metrics: the files are replayed through the streaming
 * pipeline (so the z-scores are the stream's), cut into sliding windows per node with the stream's window
 * features, split by time (or randomly, for comparison), and each model is trained, judged on the test
 * windows and saved with its provenance. The folder gets the model files and the report.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train window classifiers on labelled node metrics and report how they do on held-out windows.")
public final class TrainCommand implements Callable<Integer> {

    /** Held here: java.util.logging keeps loggers only weakly, and a collected one forgets its level. */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    @Mixin
    InputFlags input;

    @Mixin
    ConfigFlags config;

    @Option(names = "--out", required = true, description = "Folder for the model files, metrics.csv, roc.png and report.md.")
    Path out;

    @Option(names = "--models", split = ",", defaultValue = "rf,linear",
            description = "Models to train: rf, linear, svm, xgboost, mlp, lstm, gru (default: ${DEFAULT-VALUE}; svm's "
                    + "training time grows with the square of the windows: minutes beyond about 5,000; lstm and gru read "
                    + "--steps windows at a time).")
    List<String> models;

    @Option(names = "--split", defaultValue = "time", description = "time (default) or random.")
    String split;

    @Option(names = "--test-fraction", defaultValue = "0.3", description = "Share of windows held out (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--steps", defaultValue = "6", description = "Windows per sequence of the lstm and gru models: "
            + "the current one and its node's earlier ones (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the models and of a random split (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    WindowFlags windowFlags;

    @Mixin
    EventFlags eventFlags;

    @Override
    public Integer call() throws Exception {
        if (input.inputs == null || input.inputs.isEmpty()) {
            System.err.println("vigil train: give at least one --input FILE with labels (an attack column)");
            return 2;
        }
        for (String m : models) {
            if (!WindowClassifiers.NAMES.contains(m)) {
                System.err.println("vigil train: unknown model '" + m + "': one of " + WindowClassifiers.NAMES);
                return 2;
            }
        }
        WindowDatasets.Split how;
        try {
            how = WindowDatasets.Split.valueOf(split.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("vigil train: --split is time or random");
            return 2;
        }
        SlidingWindows windows = windowFlags.windows();
        boolean compare = eventFlags.features.equalsIgnoreCase("compare");
        List<FeatureSet> sets;
        try {
            if (compare && !eventFlags.hasEvents()) {
                throw new IllegalArgumentException("--features compare needs --events FILE");
            }
            sets = compare ? List.of(FeatureSet.METRICS, FeatureSet.FLOWS, FeatureSet.FUSED) : List.of(eventFlags.featureSet());
        } catch (IllegalArgumentException e) {
            System.err.println("vigil train: " + e.getMessage());
            return 2;
        }

        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING); // Tribuo logs every SGD epoch at INFO
        org.apache.flink.configuration.Configuration conf = Environments.harden(config.configuration());
        boolean eventSequences = "events".equalsIgnoreCase(input.format);
        Map<FeatureSet, List<WindowVector>> bySet = new LinkedHashMap<>();
        String what;
        if (eventSequences) {
            if (eventFlags.hasEvents()) {
                System.err.println("vigil train: with --format events the --input files are the events; --events is for node metrics");
                return 2;
            }
            List<FlowEvent> events = EventFlags.read(input.inputs, eventFlags.eventsFormat, System.err);
            List<String> vocabulary = EventSequences.vocabulary(events, EventSequences.DEFAULT_VOCABULARY);
            List<WindowVector> steps = EventSequences.steps(events, vocabulary, EventSequences.DEFAULT_GAP);
            bySet.put(FeatureSet.FLOWS, steps);
            what = String.format(Locale.ROOT, "%,d events of %,d pods, %d event names kept (the rest as %s)",
                    events.size(), steps.stream().map(WindowVector::node).distinct().count(), vocabulary.size() - 1,
                    EventSequences.OTHER);
        } else {
            System.err.println("Replaying the input through the pipeline ...");
            Replay replay = Replay.of(input.fileInputs(), conf);
            replay.reportRejections();
            List<FlowEvent> flows = eventFlags.read(System.err);
            for (FeatureSet set : sets) {
                bySet.put(set, windows(replay.scores(), windows, flows, set));
            }
            what = String.format(Locale.ROOT, "%,d samples of %d nodes, windows of %s every %s (%s features)",
                    replay.scores().size(), replay.scores().stream().map(ScoredSample::node).distinct().count(),
                    windowFlags.window, windowFlags.slide, compare ? "metrics, flows and fused" : sets.get(0));
        }
        Map<FeatureSet, WindowDatasets.TrainTest> splits = new LinkedHashMap<>();
        bySet.forEach((set, all) -> splits.put(set, WindowDatasets.split(all, how, testFraction, seed)));
        WindowDatasets.TrainTest data = splits.values().iterator().next(); // every set: the same windows and labels
        long trainAttacks = data.train().stream().filter(w -> w.attack() == 1).count();
        long testAttacks = data.test().stream().filter(w -> w.attack() == 1).count();
        String unit = eventSequences ? "events" : "windows";
        String summary = String.format(Locale.ROOT, "%s: %,d labelled %s, %,d to train (%,d attack), %,d to test "
                + "(%,d attack).", what, data.train().size() + data.test().size(), unit, data.train().size(), trainAttacks,
                data.test().size(), testAttacks);
        System.err.println(summary);
        if (trainAttacks == 0 || trainAttacks == data.train().size() || testAttacks == 0
                || testAttacks == data.test().size()) {
            System.err.println("vigil train: training and test " + unit + " must each hold attacks and normal ones; "
                    + "label more data or change --test-fraction");
            return 2;
        }
        List<WindowEvaluation> evaluations = new ArrayList<>();
        java.nio.file.Files.createDirectories(out);
        List<Path> files = new ArrayList<>(input.inputs);
        if (eventFlags.hasEvents()) {
            files.addAll(eventFlags.events);
        }
        String sources = String.join(",", files.stream().map(Path::toString).toList());
        int total = models.size() * bySet.size();
        for (Map.Entry<FeatureSet, List<WindowVector>> entry : bySet.entrySet()) {
            List<WindowVector> all = entry.getValue();
            WindowDatasets.TrainTest setData = splits.get(entry.getKey());
            WindowDatasets.TrainTest sequences = null;
            String description = (eventSequences ? "event sequences" : entry.getKey() + " features") + " of " + sources;
            for (String name : models) {
                long start = System.nanoTime();
                String label = compare ? name + " (" + entry.getKey() + ")" : name;
                WindowDatasets.TrainTest modelData = setData;
                if (WindowClassifiers.isSequence(name)) {
                    if (sequences == null) { // the same windows, each with its node's earlier ones: the same split
                        sequences = WindowDatasets.split(WindowSequences.sequences(all, steps), how, testFraction, seed);
                    }
                    modelData = sequences;
                }
                String task = String.format("[%d/%d] %s", evaluations.size() + 1, total, label);
                long work = WindowClassifiers.work(name, modelData.train());
                Model<Label> model;
                try (ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(work)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(System.console() == null ? 5_000 : 250)
                        .setUnit(work > 1 ? " batches" : " model", 1).build()) {
                    model = WindowClassifiers.train(name, modelData.train(), description, seed, bar::stepBy);
                }
                WindowModels.save(model, out.resolve((compare ? name + "-" + entry.getKey() : name) + ".tribuo"));
                WindowEvaluation e = WindowEvaluation.of(label, model, modelData.test());
                WindowModels.close(model);
                evaluations.add(e);
                System.err.printf(Locale.ROOT, "      %s: F1 %.3f, AUC-ROC %.3f (%.1f s)%n", label, e.f1(), e.aucRoc(),
                        (System.nanoTime() - start) / 1e9);
            }
        }
        // The z-score reads the metric windows.
        FeatureSet withMetrics = eventSequences ? null : compare ? FeatureSet.METRICS
                : sets.get(0) == FeatureSet.FLOWS ? null : sets.get(0);
        if (withMetrics != null) {
            evaluations.add(WindowEvaluation.zScore(splits.get(withMetrics).test(),
                    conf.get(dev.vigil.job.VigilOptions.INCIDENT_Z_FRACTION)));
        }
        ModelReport.write(out, "Window classifiers", summary, how, evaluations);
        System.out.println("models, metrics.csv, roc.png and report.md in " + out);
        return 0;
    }

    /** Every node's windows, cut with the stream's rules, with the features {@code set} names. */
    static List<WindowVector> windows(List<ScoredSample> scores, SlidingWindows windows, List<FlowEvent> flows,
            FeatureSet set) {
        return new Windower(windows).everyNode(scores, flows, set);
    }
}
