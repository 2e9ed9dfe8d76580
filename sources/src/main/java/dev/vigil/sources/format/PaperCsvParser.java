package dev.vigil.sources.format;

import dev.vigil.core.event.MetricSample;
import dev.vigil.core.features.NodeFeatures;
import java.util.List;

/**
 * The seed's table layout, {@code id,date,time,<feature columns>,attack}: one file per node (named by
 * --node, else by the file), date and time in separate columns, counters as raw cumulative values.
 */
public final class PaperCsvParser extends CsvLineParser {

    private final String node;
    private String[] names;
    private int[] positions;
    private int labelIndex = -1;

    public PaperCsvParser(ParseOptions options, String source) {
        super(options, source);
        this.node = LineParser.defaultNode(options, source);
    }

    @Override
    void readHeader(List<String> cells) {
        if (cells.size() < 4 || !cells.get(0).equalsIgnoreCase("id") || !cells.get(1).equalsIgnoreCase("date")
                || !cells.get(2).equalsIgnoreCase("time")) {
            throw new IllegalArgumentException("paper CSV header must start with id,date,time");
        }
        int last = cells.size();
        if (cells.get(last - 1).equalsIgnoreCase(options.labelColumn())) {
            labelIndex = last - 1;
            last--;
        }
        names = new String[last - 3];
        positions = new int[last - 3];
        for (int i = 3; i < last; i++) {
            positions[i - 3] = i;
            names[i - 3] = NodeFeatures.canonicalName(cells.get(i));
            String problem = Validation.featureNameProblem(names[i - 3]);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
    }

    @Override
    MetricSample readRow(List<String> cells, String location) {
        int expected = names.length + 3 + (labelIndex >= 0 ? 1 : 0);
        if (cells.size() != expected) {
            throw new IllegalArgumentException("expected " + expected + " columns, found " + cells.size());
        }
        long ts = Timestamps.parseDateAndTime(cells.get(1), cells.get(2), options.zone());
        double[] values = numbers(cells, positions, names);
        Integer attack = labelIndex >= 0 ? CsvSupport.label(cells.get(labelIndex)) : null;
        return new MetricSample(node, ts, names, values, attack, source, location);
    }
}
