package dev.vigil.core.event;

/**
 * A flow or event record kept as it arrived, until a parser for its format exists: where it came from
 * ({@code source}, {@code location}: the natural key), the broker's timestamp, its key and its payload
 * (cut to the record-size limit; {@code payloadBytes} is the original size).
 */
public record RawEvent(String source, String location, long ts, String key, String payload, long payloadBytes) {
}
