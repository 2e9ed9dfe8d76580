package dev.vigil.sources.format;

import dev.vigil.core.event.ParsedRecord;

/**
 * Parses the lines of one input (a file or a stream) in order. Stateful: CSV parsers learn their header
 * from the first line. Never throws on data: every problem becomes a rejection with its reason.
 */
public interface LineParser {

    /**
     * Parses one line.
     *
     * @param line the line without its terminator
     * @param lineNumber 1-based position in the input, used as the record's location
     * @return the sample or rejection, or null for a line that holds no record (blank, header)
     */
    ParsedRecord parse(String line, long lineNumber);

    /** A parser for one input named {@code source}, in the format of the options (auto-detected if AUTO). */
    static LineParser open(ParseOptions options, String source) {
        return switch (options.format()) {
            case JSONL -> new JsonLinesParser(options, source);
            case PAPER_CSV -> new PaperCsvParser(options, source);
            case CSV -> new GenericCsvParser(options, source);
            case AUTO -> new AutoDetectingParser(options, source);
        };
    }

    /** The node name for inputs without a node column: --node, else the file's name without extension. */
    static String defaultNode(ParseOptions options, String source) {
        if (options.node() != null) {
            return options.node();
        }
        String name = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf(':')) + 1);
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
