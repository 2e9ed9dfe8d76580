package dev.vigil.sources.format;

import dev.vigil.core.event.ParsedRecord;

/** Picks the format from the first non-blank line of the input, then hands every line to that parser. */
final class AutoDetectingParser implements LineParser {

    private final ParseOptions options;
    private final String source;
    private LineParser delegate;

    AutoDetectingParser(ParseOptions options, String source) {
        this.options = options;
        this.source = source;
    }

    @Override
    public ParsedRecord parse(String line, long lineNumber) {
        if (delegate == null) {
            if (line.isBlank()) {
                return null;
            }
            delegate = LineParser.open(options.withFormat(InputFormat.detect(line)), source);
        }
        return delegate.parse(line, lineNumber);
    }
}
