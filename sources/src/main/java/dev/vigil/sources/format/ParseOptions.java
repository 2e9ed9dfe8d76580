package dev.vigil.sources.format;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * How input records are read: the format, the node name for inputs that have no node column, the CSV
 * time/node/label columns (null picks the usual names), the zone of timestamps without an offset, and the
 * largest record accepted in bytes (larger ones are rejected, not read into memory whole).
 */
public record ParseOptions(
        InputFormat format,
        String node,
        String timeColumn,
        String nodeColumn,
        String labelColumn,
        ZoneId zone,
        int maxRecordBytes,
        String positive,
        Duration rowInterval) implements Serializable {

    /** Where rows of a CSV without a time column start when {@link #rowInterval} stamps them. */
    public static final Instant ROW_START = Instant.parse("2020-01-01T00:00:00Z");

    public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;

    public ParseOptions {
        if (maxRecordBytes < 64) {
            throw new IllegalArgumentException("max record size must be at least 64 bytes, was " + maxRecordBytes);
        }
        if (rowInterval != null && (rowInterval.isNegative() || rowInterval.isZero())) {
            throw new IllegalArgumentException("--row-interval must be positive, was " + rowInterval);
        }
        if (node != null) {
            String problem = Validation.nodeProblem(node);
            if (problem != null) {
                throw new IllegalArgumentException("--node: " + problem);
            }
        }
    }

    public static ParseOptions defaults() {
        return new ParseOptions(InputFormat.AUTO, null, null, null, "attack", ZoneId.of("UTC"),
                DEFAULT_MAX_RECORD_BYTES, null, null);
    }

    public ParseOptions withFormat(InputFormat value) {
        return new ParseOptions(value, node, timeColumn, nodeColumn, labelColumn, zone, maxRecordBytes, positive, rowInterval);
    }

    public ParseOptions withNode(String value) {
        return new ParseOptions(format, value, timeColumn, nodeColumn, labelColumn, zone, maxRecordBytes, positive, rowInterval);
    }

    public ParseOptions withColumns(String time, String nodeCol) {
        return new ParseOptions(format, node, time, nodeCol, labelColumn, zone, maxRecordBytes, positive, rowInterval);
    }

    /**
     * The CSV label column (null: "attack"), the value of it that means attack (null: 0/1 or true/false),
     * and the time between rows for CSV files without a time column (null: a time column is required).
     */
    public ParseOptions withLabels(String column, String positiveValue, Duration interval) {
        return new ParseOptions(format, node, timeColumn, nodeColumn, column == null ? "attack" : column, zone,
                maxRecordBytes, positiveValue, interval);
    }

    public ParseOptions withMaxRecordBytes(int value) {
        return new ParseOptions(format, node, timeColumn, nodeColumn, labelColumn, zone, value, positive, rowInterval);
    }
}
