package dev.vigil.sources.scrape;

import dev.vigil.sources.format.Validation;
import dev.vigil.sources.scrape.Exposition.Series;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Prometheus text exposition format (version 0.0.4), as node-exporter serves it.
 *
 * <p>Comments ({@code # HELP}, {@code # TYPE} and others) and blank lines are skipped. A sample line is
 * {@code name[{label="value",...}] value [timestamp]}: label values may hold {@code \\}, {@code \"} and
 * {@code \n} escapes, values may be {@code NaN}, {@code +Inf} or {@code -Inf}, the timestamp is epoch
 * milliseconds. Histogram and summary series are ordinary samples here ({@code _bucket}, {@code _sum},
 * {@code _count}); whoever maps the exposition picks the series it knows. A line that breaks these rules is
 * reported in {@link Exposition#problems()} and the rest of the text is still read: one bad line never costs
 * the other series.
 */
public final class PrometheusTextParser {

    /** At most this many problems are kept (their total is still counted in the last one). */
    static final int MAX_PROBLEMS = 20;

    private PrometheusTextParser() {
    }

    public static Exposition parse(CharSequence text) {
        List<Series> samples = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int bad = 0;
        int lineNumber = 0;
        int start = 0;
        int n = text.length();
        while (start < n) {
            int end = start;
            while (end < n && text.charAt(end) != '\n') {
                end++;
            }
            lineNumber++;
            int lineEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            try {
                Series s = line(text, start, lineEnd);
                if (s != null) {
                    samples.add(s);
                }
            } catch (IllegalArgumentException e) {
                bad++;
                if (problems.size() < MAX_PROBLEMS) {
                    problems.add("line " + lineNumber + ": " + e.getMessage());
                }
            }
            start = end + 1;
        }
        if (bad > problems.size()) {
            problems.add((bad - problems.size()) + " more malformed lines");
        }
        return new Exposition(samples, problems);
    }

    /** The sample on the line from {@code from} to {@code to}, or null for a comment or a blank line. */
    private static Series line(CharSequence t, int from, int to) {
        int i = skipBlanks(t, from, to);
        if (i == to || t.charAt(i) == '#') {
            return null;
        }
        int nameStart = i;
        if (!isNameStart(t.charAt(i))) {
            throw new IllegalArgumentException("a metric name must start with a letter, '_' or ':'");
        }
        while (i < to && isNameChar(t.charAt(i))) {
            i++;
        }
        String name = t.subSequence(nameStart, i).toString();
        String[] labels = NO_LABELS;
        if (i < to && t.charAt(i) == '{') {
            List<String> pairs = new ArrayList<>();
            i = labels(t, i + 1, to, pairs);
            labels = pairs.toArray(String[]::new);
        }
        int afterName = i;
        i = skipBlanks(t, i, to);
        if (i == afterName || i == to) {
            throw new IllegalArgumentException("missing value after '" + name + "'");
        }
        int valueStart = i;
        while (i < to && t.charAt(i) != ' ' && t.charAt(i) != '\t') {
            i++;
        }
        double value = value(t.subSequence(valueStart, i).toString());
        i = skipBlanks(t, i, to);
        Long timestamp = null;
        if (i < to) {
            int tsStart = i;
            while (i < to && t.charAt(i) != ' ' && t.charAt(i) != '\t') {
                i++;
            }
            String ts = t.subSequence(tsStart, i).toString();
            try {
                timestamp = Long.parseLong(ts);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("timestamp is not an integer: '" + Validation.shorten(ts) + "'");
            }
            if (skipBlanks(t, i, to) != to) {
                throw new IllegalArgumentException("unexpected text after the timestamp");
            }
        }
        return new Series(name, labels, value, timestamp);
    }

    private static final String[] NO_LABELS = new String[0];

    /** Reads {@code name="value"} pairs up to the closing brace; returns the index after it. */
    private static int labels(CharSequence t, int i, int to, List<String> pairs) {
        StringBuilder value = new StringBuilder();
        while (true) {
            i = skipBlanks(t, i, to);
            if (i < to && t.charAt(i) == '}') {
                return i + 1;
            }
            if (i == to || !isLabelStart(t.charAt(i))) {
                throw new IllegalArgumentException("a label name must start with a letter or '_'");
            }
            int nameStart = i;
            while (i < to && isLabelChar(t.charAt(i))) {
                i++;
            }
            String label = t.subSequence(nameStart, i).toString();
            i = skipBlanks(t, i, to);
            if (i == to || t.charAt(i) != '=') {
                throw new IllegalArgumentException("label '" + label + "' has no '='");
            }
            i = skipBlanks(t, i + 1, to);
            if (i == to || t.charAt(i) != '"') {
                throw new IllegalArgumentException("the value of label '" + label + "' is not quoted");
            }
            i++;
            value.setLength(0);
            boolean closed = false;
            while (i < to) {
                char c = t.charAt(i++);
                if (c == '"') {
                    closed = true;
                    break;
                }
                if (c == '\\') {
                    if (i == to) {
                        break;
                    }
                    char e = t.charAt(i++);
                    switch (e) {
                        case 'n' -> value.append('\n');
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        default -> value.append('\\').append(e); // kept as written, as Prometheus does
                    }
                } else {
                    value.append(c);
                }
            }
            if (!closed) {
                throw new IllegalArgumentException("the value of label '" + label + "' is not closed");
            }
            pairs.add(label);
            pairs.add(value.toString());
            i = skipBlanks(t, i, to);
            if (i < to && t.charAt(i) == ',') {
                i++;
            } else if (i == to || t.charAt(i) != '}') {
                throw new IllegalArgumentException("expected ',' or '}' after label '" + label + "'");
            }
        }
    }

    private static double value(String s) {
        switch (s) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
            case "Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
                throw new IllegalArgumentException("value is not a number: '" + Validation.shorten(s) + "'");
            }
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("value is not a number: '" + Validation.shorten(s) + "'");
        }
    }

    private static int skipBlanks(CharSequence t, int i, int to) {
        while (i < to && (t.charAt(i) == ' ' || t.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }

    private static boolean isNameChar(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    private static boolean isLabelStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isLabelChar(char c) {
        return isLabelStart(c) || (c >= '0' && c <= '9');
    }
}
