package dev.vigil.sources.format;

import java.io.Serializable;
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
        int maxRecordBytes) implements Serializable {

    public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;

    public ParseOptions {
        if (maxRecordBytes < 64) {
            throw new IllegalArgumentException("max record size must be at least 64 bytes, was " + maxRecordBytes);
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
                DEFAULT_MAX_RECORD_BYTES);
    }

    public ParseOptions withFormat(InputFormat value) {
        return new ParseOptions(value, node, timeColumn, nodeColumn, labelColumn, zone, maxRecordBytes);
    }

    public ParseOptions withNode(String value) {
        return new ParseOptions(format, value, timeColumn, nodeColumn, labelColumn, zone, maxRecordBytes);
    }

    public ParseOptions withColumns(String time, String nodeCol) {
        return new ParseOptions(format, node, time, nodeCol, labelColumn, zone, maxRecordBytes);
    }

    public ParseOptions withMaxRecordBytes(int value) {
        return new ParseOptions(format, node, timeColumn, nodeColumn, labelColumn, zone, value);
    }
}
