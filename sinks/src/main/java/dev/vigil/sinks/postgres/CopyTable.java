package dev.vigil.sinks.postgres;

import de.bytefish.pgbulkinsert.mapping.AbstractMapping;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A table that {@link CopyUpsertSink} writes: how a row goes over Postgres' binary COPY protocol, its natural
 * key, and what an upsert of an existing row sets.
 */
public abstract class CopyTable<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String table;
    private final List<String> key;
    private final String update;

    /**
     * @param table  the target table (a constant of this module, never user input)
     * @param key    its natural key, the conflict target
     * @param update the SET list of {@code ON CONFLICT DO UPDATE}, in terms of {@code EXCLUDED}
     */
    protected CopyTable(String table, List<String> key, String update) {
        this.table = table;
        this.key = List.copyOf(key);
        this.update = update;
    }

    public String table() {
        return table;
    }

    /** The binary COPY of a row into {@code schema.name} (null schema: the search path's), with the target's columns. */
    protected abstract AbstractMapping<T> mapping(String schema, String name);

    /** The natural key of a row: of two rows with the same key in one batch, the later is written. */
    protected abstract Object key(T row);

    /** Runs on the writer's connection, in its transaction, before a batch is copied (to look up ids). */
    protected void prepare(Connection connection, Collection<T> rows) throws SQLException {
    }

    /** Moves the staged rows into the table: inserted, or updated where the natural key exists. */
    String mergeSql(String stage, AbstractMapping<T> mapping) {
        String columns = mapping.getColumns().stream().map(c -> c.getColumnName()).collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " (" + columns + ") SELECT " + columns + " FROM " + stage
                + " ON CONFLICT (" + String.join(", ", key) + ") DO UPDATE SET " + update;
    }
}
