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

    /** The result of one line (1-based {@code lineNumber}), or null for a line that holds no record. */
    Result parse(String line, long lineNumber);

    /** A parser for one input in {@code format}; AUTO decides from the first record. */
    static EventParser open(EventFormat format) {
        return switch (format) {
            case HUBBLE -> new HubbleFlowParser();
            case FALCO -> new FalcoEventParser();
            case JSON -> new GenericEventParser();
            case CSV -> new CsvEventParser();
            case AUTO -> new AutoEventParser();
        };
    }
}
