package dev.vigil.sources.format;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Parses the timestamp spellings Vigil accepts: ISO-8601 (with or without offset) or epoch milliseconds. */
public final class Timestamps {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd[' ']['T']HH:mm:ss[.SSS]");

    private Timestamps() {
    }

    /**
     * Epoch milliseconds of {@code text}: digits are epoch ms; otherwise ISO-8601, where a time without an
     * offset is read in {@code zone}.
     *
     * @throws IllegalArgumentException with the reason when the text is no timestamp
     */
    public static long parse(String text, ZoneId zone) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("timestamp is empty");
        }
        if (isDigits(t)) {
            if (t.length() > 15) {
                throw new IllegalArgumentException("epoch milliseconds out of range: '" + Validation.shorten(t) + "'");
            }
            return Long.parseLong(t);
        }
        try {
            if (t.endsWith("Z") || t.endsWith("z")) {
                return Instant.parse(t.toUpperCase(java.util.Locale.ROOT)).toEpochMilli();
            }
            if (t.length() > 19 && (t.lastIndexOf('+') > 10 || t.lastIndexOf('-') > 10)) {
                return OffsetDateTime.parse(t).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(t, LOCAL).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 time or epoch milliseconds: '"
                    + Validation.shorten(t) + "'");
        }
    }

    /** The seed's separate date and time columns ({@code 2023-02-12}, {@code 12:33:32}) in {@code zone}. */
    public static long parseDateAndTime(String date, String time, ZoneId zone) {
        try {
            return LocalDate.parse(date.strip()).atTime(LocalTime.parse(time.strip())).atZone(zone).toInstant()
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("date/time not in yyyy-mm-dd and hh:mm:ss form: '"
                    + Validation.shorten(date) + "' '" + Validation.shorten(time) + "'");
        }
    }

    private static boolean isDigits(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
