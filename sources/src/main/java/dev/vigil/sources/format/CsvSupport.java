package dev.vigil.sources.format;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Splits one CSV line into cells with Commons CSV (quotes and escaped separators handled). */
public final class CsvSupport {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setTrim(true).get();

    private CsvSupport() {
    }

    /** The cells of {@code line}; throws IllegalArgumentException with the reason when it is not CSV. */
    public static List<String> cells(String line) {
        try (CSVParser parser = CSVParser.parse(new StringReader(line), FORMAT)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                throw new IllegalArgumentException("not one CSV record");
            }
            return records.get(0).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("malformed CSV: " + e.getMessage());
        }
    }

    /** A 0/1 label cell; null when empty. */
    public static Integer label(String cell) {
        String t = cell.strip();
        if (t.isEmpty()) {
            return null;
        }
        return switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "0", "0.0", "false" -> 0;
            case "1", "1.0", "true" -> 1;
            default -> throw new IllegalArgumentException("label must be 0 or 1: '" + Validation.shorten(t) + "'");
        };
    }
}
