package dev.vigil.job.cli;

import dev.vigil.sources.simulator.Episode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws one panel per attack episode: the attacked node's max |z| from an hour before to an hour after,
 * the episode shaded, the threshold as a line, flagged samples as red dots. Reads what the job wrote to
 * node_scores, so the picture shows the product's real output.
 */
public final class DetectionTimeline {

    private static final long MARGIN_MS = 3_600_000;

    private DetectionTimeline() {
    }

    public static void write(Connection db, List<Episode> episodes, double threshold, Path png)
            throws SQLException, IOException {
        System.setProperty("java.awt.headless", "true");
        List<XYChart> charts = new ArrayList<>();
        String sql = "SELECT ts, max_abs_z, anomaly FROM node_scores WHERE node = ? AND ts >= ? AND ts < ? "
                + "AND max_abs_z IS NOT NULL ORDER BY ts";
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (Episode e : episodes) {
                ps.setString(1, e.node());
                ps.setTimestamp(2, Timestamp.from(Instant.ofEpochMilli(e.start() - MARGIN_MS)));
                ps.setTimestamp(3, Timestamp.from(Instant.ofEpochMilli(e.end() + MARGIN_MS)));
                List<Double> minutes = new ArrayList<>();
                List<Double> z = new ArrayList<>();
                List<Double> flaggedMinutes = new ArrayList<>();
                List<Double> flaggedZ = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double m = (rs.getTimestamp(1).getTime() - e.start()) / 60_000.0;
                        double v = Math.max(0.1, rs.getDouble(2));
                        minutes.add(m);
                        z.add(v);
                        if (rs.getBoolean(3)) {
                            flaggedMinutes.add(m);
                            flaggedZ.add(v);
                        }
                    }
                }
                charts.add(panel(e, threshold, minutes, z, flaggedMinutes, flaggedZ));
            }
        }
        if (charts.isEmpty()) {
            return;
        }
        int columns = Math.min(2, charts.size());
        int rows = (charts.size() + columns - 1) / columns;
        BitmapEncoder.saveBitmap(charts, rows, columns, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart panel(Episode e, double threshold, List<Double> minutes, List<Double> z,
            List<Double> flaggedMinutes, List<Double> flaggedZ) {
        double length = (e.end() - e.start()) / 60_000.0;
        XYChart chart = new XYChartBuilder().width(640).height(300)
                .title(e.kind().label() + " on " + e.node() + " at "
                        + Instant.ofEpochMilli(e.start()).toString().substring(11, 16) + " UTC")
                .xAxisTitle("minutes from the start of the attack").yAxisTitle("max |z| (log)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(false);
        double top = Math.max(threshold * 10, z.stream().mapToDouble(Double::doubleValue).max().orElse(threshold));
        XYSeries attack = chart.addSeries("attack", new double[] {0, 0, length, length},
                new double[] {0.1, top, top, 0.1});
        attack.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        attack.setFillColor(new Color(255, 200, 200, 120));
        attack.setLineColor(new Color(255, 200, 200, 0));
        attack.setMarker(SeriesMarkers.NONE);
        if (!minutes.isEmpty()) {
            XYSeries series = chart.addSeries("max |z|", minutes, z);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(new Color(40, 90, 160));
            series.setLineStyle(new BasicStroke(1f));
        }
        XYSeries line = chart.addSeries("threshold", new double[] {-60, length + 60},
                new double[] {threshold, threshold});
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(Color.DARK_GRAY);
        line.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        if (!flaggedMinutes.isEmpty()) {
            XYSeries dots = chart.addSeries("flagged", flaggedMinutes, flaggedZ);
            dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            dots.setMarker(SeriesMarkers.CIRCLE);
            dots.setMarkerColor(new Color(200, 30, 30));
        }
        return chart;
    }
}
