package dev.vigil.sources.events;

import dev.vigil.core.event.FlowEvent;

/**
 * Parses the lines of one flow/event input in order into {@link FlowEvent}s. Never throws on data: a line
 * that cannot be read or lacks what a normalised event needs comes back with the reason.
 */
public interface EventParser {

    /** A parsed line: an event, or the reason none could be made of it. */
    record Result(FlowEvent event, String reason) {

        static Result of(FlowEvent event) {
            return new Result(event, null);
        }

        static Result rejected(String reason) {
            return new Result(null, reason);
        }
    }

    /**
     * The result of one line found at {@code location} of the input (a line number, partition@offset), or
     * null for a line that holds no record.
     */
    Result parse(String line, String location);

    /** A parser of JSON records named {@code source} that decides each record's format on its own (a topic). */
    static EventParser eachRecord(String source) {
        return new EachRecordParser(source);
    }

    /** A parser for one input named {@code source} in {@code format}; AUTO decides from the first record. */
    static EventParser open(EventFormat format, String source) {
        return switch (format) {
            case HUBBLE -> new HubbleFlowParser(source);
            case FALCO -> new FalcoEventParser(source);
            case JSON -> new GenericEventParser(source);
            case CSV -> new CsvEventParser(source);
            case AUTO -> new AutoEventParser(source);
        };
    }
}
