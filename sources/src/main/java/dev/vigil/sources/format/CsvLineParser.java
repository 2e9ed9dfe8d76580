package dev.vigil.sources.format;

import dev.vigil.core.event.MetricSample;
import dev.vigil.core.event.ParsedRecord;
import dev.vigil.core.event.Rejection;
import java.util.List;

/**
 * The shared skeleton of the CSV formats: the first non-blank line is the header, every later line a row;
 * any problem with a line becomes a rejection with the message of the IllegalArgumentException it raised.
 */
abstract class CsvLineParser implements LineParser {

    protected final ParseOptions options;
    protected final String source;
    private boolean headerRead;

    CsvLineParser(ParseOptions options, String source) {
        this.options = options;
        this.source = source;
    }

    /** Reads the header; throws IllegalArgumentException when it is unusable (the next line is tried again). */
    abstract void readHeader(List<String> cells);

    /** Reads one row; throws IllegalArgumentException with the reason when it is not a valid sample. */
    abstract MetricSample readRow(List<String> cells, String location);

    @Override
    public final ParsedRecord parse(String line, long lineNumber) {
        if (line.isBlank()) {
            return null;
        }
        String location = Long.toString(lineNumber);
        try {
            List<String> cells = CsvSupport.cells(line);
            if (!headerRead) {
                readHeader(cells);
                headerRead = true;
                return null;
            }
            return ParsedRecord.ok(readRow(cells, location));
        } catch (IllegalArgumentException e) {
            return ParsedRecord.rejected(Rejection.of(source, location, e.getMessage(), line, options.maxRecordBytes()));
        }
    }

    /** The numbers in {@code cells} at {@code positions}, NaN where empty or NA; names are for the reasons. */
    static double[] numbers(List<String> cells, int[] positions, String[] names) {
        double[] values = new double[positions.length];
        for (int k = 0; k < positions.length; k++) {
            String cell = cells.get(positions[k]);
            try {
                Double v = Validation.parseCell(cell);
                values[k] = v == null ? Double.NaN : v;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("column " + names[k] + ": not a number: '"
                        + Validation.shorten(cell) + "'");
            }
        }
        return values;
    }
}
