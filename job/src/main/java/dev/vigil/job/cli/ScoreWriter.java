package dev.vigil.job.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.json.JsonText;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes scored samples, one row per sample: node, ts, each feature's Vigil value, z_ for each feature,
 * max_abs_z, anomaly, top_features. CSV or JSON lines by the file's extension; missing values are empty
 * (CSV) or null (JSON).
 */
final class ScoreWriter {

    private ScoreWriter() {
    }

    static void write(Path file, List<ScoredSample> rows) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> names.addAll(List.of(r.names())));
        if (file.toString().equals("-")) {
            Writer out = new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8);
            writeCsv(out, rows, List.copyOf(names));
            out.flush();
            return;
        }
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (lower.endsWith(".jsonl") || lower.endsWith(".json")) {
                writeJson(out, rows);
            } else {
                writeCsv(out, rows, List.copyOf(names));
            }
        }
    }

    private static void writeCsv(Writer out, List<ScoredSample> rows, List<String> names) throws IOException {
        List<String> header = new ArrayList<>(List.of("node", "ts"));
        header.addAll(names);
        names.forEach(n -> header.add("z_" + n));
        header.addAll(List.of("max_abs_z", "anomaly", "top_features"));
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get());
        {
            for (ScoredSample r : rows) {
                List<Object> row = new ArrayList<>(header.size());
                row.add(r.node());
                row.add(Instant.ofEpochMilli(r.ts()).toString());
                List<String> own = List.of(r.names());
                for (String n : names) {
                    int i = own.indexOf(n);
                    row.add(i < 0 ? "" : number(r.values()[i]));
                }
                for (String n : names) {
                    int i = own.indexOf(n);
                    row.add(i < 0 ? "" : number(r.z()[i]));
                }
                row.add(number(r.maxAbsZ()));
                row.add(r.anomaly());
                StringBuilder top = new StringBuilder();
                for (int k = 0; k < r.topFeatures().length; k++) {
                    top.append(k == 0 ? "" : " ").append(r.topFeatures()[k]).append('=')
                            .append(String.format(Locale.ROOT, "%.3f", r.topZ()[k]));
                }
                row.add(top.toString());
                csv.printRecord(row);
            }
        }
        csv.flush();
    }

    private static void writeJson(Writer out, List<ScoredSample> rows) throws IOException {
        for (ScoredSample r : rows) {
            writeJsonLine(out, r);
        }
    }

    private static final JsonFactory JSON = new JsonFactory();

    /** One score as a JSON line: node, ts, the values, their z, max_abs_z, anomaly and top_features. */
    static void writeJsonLine(Writer out, ScoredSample r) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.writeStartObject();
            g.writeStringField("node", r.node());
            g.writeStringField("ts", Instant.ofEpochMilli(r.ts()).toString());
            for (int i = 0; i < r.names().length; i++) {
                writeNumber(g, r.names()[i], r.values()[i]);
            }
            for (int i = 0; i < r.names().length; i++) {
                writeNumber(g, "z_" + r.names()[i], r.z()[i]);
            }
            writeNumber(g, "max_abs_z", r.maxAbsZ());
            g.writeBooleanField("anomaly", r.anomaly());
            g.writeFieldName("top_features");
            g.writeRawValue(JsonText.ranked(r.topFeatures(), r.topZ()));
            g.writeEndObject();
        }
        out.write('\n');
    }

    private static void writeNumber(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isNaN(v)) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
