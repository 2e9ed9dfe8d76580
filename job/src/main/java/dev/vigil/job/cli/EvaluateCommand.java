package dev.vigil.job.cli;

import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.event.FlowEvent;
import dev.vigil.core.flow.EventSequences;
import dev.vigil.core.flow.FeatureSet;
import dev.vigil.core.ml.WindowEvaluation;
import dev.vigil.core.ml.WindowModels;
import dev.vigil.core.window.WindowVector;
import dev.vigil.job.VigilOptions;
import dev.vigil.job.WindowSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Judges saved window classifiers on labelled node metrics they were not trained on: the files are replayed
 * through the pipeline and cut into windows exactly as for training, and every labelled window is a test
 * window. Writes the same report folder as {@code vigil train}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate saved window classifiers (--model NAME=FILE) on labelled node metrics.")
public final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    InputFlags input;

    @Mixin
    ConfigFlags config;

    @Mixin
    WindowFlags windowFlags;

    @Mixin
    EventFlags eventFlags;

    @Option(names = "--out", required = true, description = "Folder for metrics.csv, roc.png and report.md.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Configuration conf = Environments.harden(config.configuration());
        Map<String, String> models = WindowSettings.models(conf.get(VigilOptions.MODELS));
        if (input.inputs == null || input.inputs.isEmpty() || models.isEmpty()) {
            System.err.println("vigil evaluate: give --input FILE with labels and at least one --model NAME=FILE");
            return 2;
        }
        FeatureSet features;
        try {
            features = eventFlags.featureSet();
        } catch (IllegalArgumentException e) {
            System.err.println("vigil evaluate: " + e.getMessage());
            return 2;
        }
        if ("events".equalsIgnoreCase(input.format)) {
            return evaluateEventSequences(models);
        }
        System.err.println("Replaying the input through the pipeline ...");
        Replay replay = Replay.of(input.fileInputs(), conf);
        replay.reportRejections();
        List<WindowVector> all = TrainCommand.windows(replay.scores(), windowFlags.windows(),
                eventFlags.read(System.err), features);
        List<WindowVector> windows = all.stream().filter(w -> w.attack() != null).toList();
        long attacks = windows.stream().filter(w -> w.attack() == 1).count();
        String summary = String.format(Locale.ROOT, "%,d samples of %d nodes from %s: %,d labelled windows of %s "
                + "every %s (%s features), %,d of them attacks. Every labelled window is a test window.",
                replay.scores().size(), replay.scores().stream().map(ScoredSample::node).distinct().count(),
                input.inputs, windows.size(), windowFlags.window, windowFlags.slide, features, attacks);
        System.err.println(summary);
        if (windows.isEmpty()) {
            System.err.println("vigil evaluate: the input has no labelled windows (no attack column)");
            return 2;
        }
        List<WindowEvaluation> evaluations = new ArrayList<>();
        for (Map.Entry<String, String> entry : models.entrySet()) {
            String name = entry.getKey();
            Model<Label> model;
            try {
                model = WindowModels.load(Path.of(entry.getValue()), Arrays.asList(windows.get(0).names()));
            } catch (IOException e) {
                System.err.println("vigil evaluate: " + e.getMessage());
                return 2;
            }
            // A sequence model reads each window with its node's earlier ones, labelled or not.
            List<WindowVector> read = WindowModels.asRead(model, all).stream().filter(w -> w.attack() != null).toList();
            WindowEvaluation e = WindowEvaluation.of(name, model, read);
            WindowModels.close(model);
            evaluations.add(e);
            System.err.printf(Locale.ROOT, "%s: F1 %.3f, AUC-ROC %.3f%n", name, e.f1(), e.aucRoc());
        }
        if (features != FeatureSet.FLOWS) { // the z-score reads the metric windows
            evaluations.add(WindowEvaluation.zScore(windows, conf.get(VigilOptions.INCIDENT_Z_FRACTION)));
        }
        ModelReport.write(out, "Window classifiers, evaluated", summary, null, evaluations);
        System.out.println("metrics.csv, roc.png and report.md in " + out);
        return 0;
    }

    /**
     * {@code --format events}: the inputs are flows/events, each model reads them as event-name sequences per pod
     * over the vocabulary it was trained with; every labelled event is a test case.
     */
    private int evaluateEventSequences(Map<String, String> models) throws Exception {
        List<FlowEvent> events = EventFlags.read(input.inputs, eventFlags.eventsFormat, System.err);
        long labelled = events.stream().filter(e -> e.attack() != null).count();
        long attacks = events.stream().filter(e -> e.attack() != null && e.attack() == 1).count();
        String summary = String.format(Locale.ROOT, "%,d events from %s as event-name sequences per pod: %,d labelled, "
                + "%,d of them attacks. Every labelled event is a test case.", events.size(), input.inputs, labelled, attacks);
        System.err.println(summary);
        if (labelled == 0) {
            System.err.println("vigil evaluate: the events have no labels (no attack field)");
            return 2;
        }
        List<WindowEvaluation> evaluations = new ArrayList<>();
        for (Map.Entry<String, String> entry : models.entrySet()) {
            Model<Label> model;
            try {
                model = WindowModels.load(Path.of(entry.getValue()));
            } catch (IOException e) {
                System.err.println("vigil evaluate: " + e.getMessage());
                return 2;
            }
            List<String> features = new ArrayList<>();
            model.getFeatureIDMap().forEach(f -> features.add(f.getName()));
            List<String> vocabulary = EventSequences.vocabularyOf(features);
            List<WindowVector> steps = EventSequences.steps(events, vocabulary, EventSequences.DEFAULT_GAP);
            List<WindowVector> read = WindowModels.asRead(model, steps).stream().filter(w -> w.attack() != null).toList();
            WindowEvaluation e = WindowEvaluation.of(entry.getKey(), model, read);
            WindowModels.close(model);
            evaluations.add(e);
            System.err.printf(Locale.ROOT, "%s: F1 %.3f, AUC-ROC %.3f%n", entry.getKey(), e.f1(), e.aucRoc());
        }
        ModelReport.write(out, "Event-sequence classifiers, evaluated", summary, null, evaluations);
        System.out.println("metrics.csv, roc.png and report.md in " + out);
        return 0;
    }
}
