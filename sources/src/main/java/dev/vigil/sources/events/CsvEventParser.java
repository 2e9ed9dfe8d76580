package dev.vigil.sources.events;

import dev.vigil.core.event.FlowEvent;
import dev.vigil.sources.format.CsvSupport;
import dev.vigil.sources.format.Timestamps;
import dev.vigil.sources.format.Validation;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Generic events as CSV: a header, then one event per row. Columns {@code ts}, {@code node} and
 * {@code name} are required; {@code pod}, {@code namespace}, {@code category} and {@code attack} are read
 * when present; every other column is an argument.
 */
final class CsvEventParser implements EventParser {

    private static final Set<String> KNOWN = Set.of("ts", "node", "pod", "namespace", "name", "category", "attack");

    private final String source;
    private List<String> header;

    CsvEventParser(String source) {
        this.source = source;
    }

    @Override
    public Result parse(String line, String location) {
        if (line.isBlank()) {
            return null;
        }
        List<String> cells;
        try {
            cells = CsvSupport.cells(line);
        } catch (IllegalArgumentException e) {
            return Result.rejected("not a CSV row: " + Validation.shorten(e.getMessage()));
        }
        if (header == null) {
            List<String> names = cells.stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).toList();
            for (String required : List.of("ts", "node", "name")) {
                if (!names.contains(required)) {
                    header = List.of(); // every later row is rejected with the reason
                    return Result.rejected("the header lacks the column '" + required + "' (needs ts, node, name)");
                }
            }
            header = names;
            return null;
        }
        if (header.isEmpty()) {
            return Result.rejected("no usable header (needs ts, node, name)");
        }
        if (cells.size() != header.size()) {
            return Result.rejected("has " + cells.size() + " cells, the header " + header.size());
        }
        Map<String, String> row = new HashMap<>();
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            String value = cells.get(i).strip();
            if (KNOWN.contains(header.get(i))) {
                row.put(header.get(i), value.isEmpty() ? null : value);
            } else if (!value.isEmpty()) {
                args.put(header.get(i), value);
            }
        }
        for (String required : List.of("ts", "node", "name")) {
            if (row.get(required) == null) {
                return Result.rejected("empty '" + required + "'");
            }
        }
        try {
            long ts = Timestamps.parse(row.get("ts"), ZoneOffset.UTC);
            Integer label = row.get("attack") == null ? null : CsvSupport.label(row.get("attack"));
            String category = row.get("category");
            return Result.of(new FlowEvent(source, location, ts, row.get("node"), row.get("pod"), row.get("namespace"), row.get("name"),
                    category == null ? "event" : category, args, label));
        } catch (IllegalArgumentException e) {
            return Result.rejected(e.getMessage());
        }
    }
}
