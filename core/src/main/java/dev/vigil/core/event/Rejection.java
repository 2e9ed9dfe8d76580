package dev.vigil.core.event;

/**
 * An input record that could not be parsed or validated, kept with its reason and raw payload.
 *
 * <p>{@code (source, location)} is the natural key: a file and line, or a topic partition and offset.
 * {@code payload} is the raw input, cut to the configured record-size limit; {@code payloadBytes} is the
 * size of the whole original, so a cut payload is recognisable.
 */
public record Rejection(String source, String location, String reason, String payload, long payloadBytes) {

    /** Cuts {@code payload} to at most {@code maxChars} characters, keeping its original size. */
    public static Rejection of(String source, String location, String reason, String payload, int maxChars) {
        String raw = payload == null ? "" : payload;
        String kept = raw.length() > maxChars ? raw.substring(0, maxChars) : raw;
        return new Rejection(source, location, reason, kept, raw.length());
    }
}
