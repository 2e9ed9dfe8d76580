package dev.vigil.job.cli;

import dev.vigil.core.ml.WindowDatasets;
import dev.vigil.core.ml.WindowEvaluation;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report folder of a training or evaluation run: {@code metrics.csv} (header
 * {@code model,accuracy,precision,recall,f1,auc_roc}, one row per model, for scripts), {@code roc.png}
 * (every model's ROC curve) and {@code report.md}, which puts the models side by side with their confusion
 * matrices and says how the data was split.
 */
final class ModelReport {

    static final String METRICS_HEADER = "model,accuracy,precision,recall,f1,auc_roc";

    private ModelReport() {
    }

    /** Writes the folder; {@code split} is how training and test windows were split, null when all were test. */
    static void write(Path dir, String title, String dataSummary, WindowDatasets.Split split,
            List<WindowEvaluation> evaluations) throws IOException {
        Files.createDirectories(dir);
        try (Writer out = Files.newBufferedWriter(dir.resolve("metrics.csv"), StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                        .setHeader(METRICS_HEADER.split(",")).get())) {
            for (WindowEvaluation e : evaluations) {
                csv.printRecord(e.model(), number(e.accuracy()), number(e.precision()), number(e.recall()),
                        number(e.f1()), number(e.aucRoc()));
            }
        }
        roc(dir.resolve("roc.png"), evaluations);
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n").append(dataSummary).append("\n\n");
        md.append(split == null
                ? "No split: saved models judged on every labelled window of data they were not trained on.\n\n"
                : split == WindowDatasets.Split.TIME
                ? "Split: by time. The model learns on the earlier windows and is judged on the later ones, as it "
                        + "would be in production.\n\n"
                : "Split: **random** (seeded shuffle), for comparison with published protocols only: neighbouring "
                        + "windows overlap, so test windows share samples with training windows and the figures "
                        + "are optimistic.\n\n");
        md.append("| model | accuracy | precision | recall | F1 | AUC-ROC |\n|---|---:|---:|---:|---:|---:|\n");
        for (WindowEvaluation e : evaluations) {
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f |%n", e.model(), e.accuracy(),
                    e.precision(), e.recall(), e.f1(), e.aucRoc()));
        }
        md.append("\nAttack is the positive class. AUC-ROC is computed from each model's predicted attack "
                + "probability, not from its hard labels. `zscore` is the baseline without a model: a window is an "
                + "attack when the share of its samples the z-score flagged reaches vigil.incident.z-fraction, and "
                + "its score is its largest |z|.\n\n![ROC curves](roc.png)\n\n## Confusion matrices\n\n");
        for (WindowEvaluation e : evaluations) {
            md.append(String.format(Locale.ROOT, "%s, %d test windows:%n%n| | predicted attack | predicted normal |%n"
                    + "|---|---:|---:|%n| attack | %d | %d |%n| normal | %d | %d |%n%n", e.model(), e.windows(),
                    e.truePositives(), e.falseNegatives(), e.falsePositives(), e.trueNegatives()));
        }
        Files.writeString(dir.resolve("report.md"), md.toString(), StandardCharsets.UTF_8);
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static void roc(Path png, List<WindowEvaluation> evaluations) throws IOException {
        XYChart chart = new XYChartBuilder().width(640).height(560).title("ROC curves (test windows)")
                .xAxisTitle("false positive rate").yAxisTitle("true positive rate").build();
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setMarkerSize(0);
        XYSeries chance = chart.addSeries("chance", new double[] {0, 1}, new double[] {0, 1});
        chance.setMarker(SeriesMarkers.NONE);
        for (WindowEvaluation e : evaluations) {
            if (e.fpr().length > 0) {
                XYSeries s = chart.addSeries(String.format(Locale.ROOT, "%s (AUC %.3f)", e.model(), e.aucRoc()),
                        e.fpr(), e.tpr());
                s.setMarker(SeriesMarkers.NONE);
            }
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
