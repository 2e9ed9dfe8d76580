package dev.vigil.sources.format;

import dev.vigil.core.event.MetricSample;
import dev.vigil.core.features.NodeFeatures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Any CSV with a header and a timestamp column. The time column is --time-column or the first of ts,
 * timestamp, time; the node column is --node-column or a column named node (else --node or the file name);
 * the label column (--label-column, default attack) is used when present, as 0/1 or, with --positive, as
 * that value against any other. Rows of a file without a time column are stamped {@link
 * ParseOptions#ROW_START} + row index × --row-interval, for datasets that ship evenly spaced rows. Every other column whose first value is numeric (or empty) is a
 * feature; columns of text in the first data row are ignored and listed by {@link #ignoredColumns()}.
 */
public final class GenericCsvParser extends CsvLineParser {

    private static final List<String> TIME_NAMES = List.of("ts", "timestamp", "time", "datetime");

    private final String defaultNode;
    private List<String> header;
    private int timeIndex = -1;
    private int nodeIndex = -1;
    private int labelIndex = -1;
    private int[] featureIndex;
    private String[] names;
    private long rows;
    private final List<String> ignored = new ArrayList<>();

    public GenericCsvParser(ParseOptions options, String source) {
        super(options, source);
        this.defaultNode = LineParser.defaultNode(options, source);
    }

    /** Columns that held text in the first data row and so are not features. */
    public List<String> ignoredColumns() {
        return Collections.unmodifiableList(ignored);
    }

    @Override
    void readHeader(List<String> cells) {
        header = cells.stream().map(c -> c.replace("\uFEFF", "").strip()).toList();
        timeIndex = options.timeColumn() != null ? requireColumn(options.timeColumn(), "--time-column")
                : firstOf(TIME_NAMES);
        if (timeIndex < 0 && options.rowInterval() == null) {
            throw new IllegalArgumentException("no time column (ts, timestamp or time): name one with --time-column, "
                    + "or give --row-interval when rows are evenly spaced");
        }
        nodeIndex = options.nodeColumn() != null ? requireColumn(options.nodeColumn(), "--node-column")
                : firstOf(List.of("node"));
        labelIndex = options.labelColumn() == null ? -1 : firstOf(List.of(options.labelColumn()));
        if (labelIndex < 0 && options.positive() != null) {
            throw new IllegalArgumentException("--label-column '" + options.labelColumn() + "' is not a column of the header");
        }
    }

    private int requireColumn(String name, String flag) {
        int i = firstOf(List.of(name));
        if (i < 0) {
            throw new IllegalArgumentException(flag + " '" + name + "' is not a column of the header");
        }
        return i;
    }

    private int firstOf(List<String> candidates) {
        for (String c : candidates) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).toLowerCase(Locale.ROOT).equals(c.toLowerCase(Locale.ROOT))) {
                    return i;
                }
            }
        }
        return -1;
    }

    private void chooseFeatures(List<String> firstRow) {
        List<Integer> idx = new ArrayList<>();
        List<String> featureNames = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (i == timeIndex || i == nodeIndex || i == labelIndex) {
                continue;
            }
            try {
                Validation.parseCell(firstRow.get(i));
            } catch (NumberFormatException e) {
                ignored.add(header.get(i));
                continue;
            }
            String name = NodeFeatures.canonicalName(header.get(i));
            String problem = Validation.featureNameProblem(name);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            idx.add(i);
            featureNames.add(name);
        }
        featureIndex = idx.stream().mapToInt(Integer::intValue).toArray();
        names = featureNames.toArray(String[]::new);
    }

    @Override
    MetricSample readRow(List<String> cells, String location) {
        long row = rows++; // counted before any check, so a rejected row keeps the rows after it in place
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " columns, found " + cells.size());
        }
        if (names == null) {
            chooseFeatures(cells);
        }
        long ts = timeIndex >= 0 ? Timestamps.parse(cells.get(timeIndex), options.zone())
                : ParseOptions.ROW_START.toEpochMilli() + row * options.rowInterval().toMillis();
        String node = nodeIndex >= 0 ? cells.get(nodeIndex) : defaultNode;
        String nodeProblem = Validation.nodeProblem(node);
        if (nodeProblem != null) {
            throw new IllegalArgumentException(nodeProblem);
        }
        double[] values = numbers(cells, featureIndex, names);
        Integer attack = labelIndex < 0 ? null : options.positive() == null ? CsvSupport.label(cells.get(labelIndex))
                : cells.get(labelIndex).isBlank() ? null : cells.get(labelIndex).strip().equals(options.positive()) ? 1 : 0;
        return new MetricSample(node, ts, names, values, attack, source, location);
    }
}
