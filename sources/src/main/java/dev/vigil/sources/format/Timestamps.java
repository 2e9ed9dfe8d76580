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
        long fast = utcFast(t);
        if (fast != NOT_FAST) {
            return fast;
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

    private static final long NOT_FAST = Long.MIN_VALUE;

    /**
     * The common spelling {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} read digit by digit, as a stream of samples
     * spells it on every record; {@link #NOT_FAST} for anything else (and for values out of range), which
     * then takes the general path and its error messages.
     */
    private static long utcFast(String t) {
        int n = t.length();
        if (n < 20 || n > 30 || t.charAt(n - 1) != 'Z' || t.charAt(4) != '-' || t.charAt(7) != '-'
                || t.charAt(10) != 'T' || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return NOT_FAST;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return NOT_FAST;
        }
        long millis = 0;
        if (n > 20) {
            if (t.charAt(19) != '.' || n == 21) {
                return NOT_FAST;
            }
            for (int i = 20; i < n - 1; i++) {
                char c = t.charAt(i);
                if (c < '0' || c > '9') {
                    return NOT_FAST;
                }
                if (i < 23) {
                    millis = millis * 10 + (c - '0');
                }
            }
            for (int i = Math.min(n - 1, 23); i < 23; i++) {
                millis *= 10;
            }
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
    }

    /** The non-negative number in {@code count} digits at {@code from}, or -1 when one is no digit. */
    private static int digits(String t, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
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
