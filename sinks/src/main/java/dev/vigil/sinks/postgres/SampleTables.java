package dev.vigil.sinks.postgres;

import de.bytefish.pgbulkinsert.mapping.AbstractMapping;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.features.NodeFeatures;
import dev.vigil.core.json.JsonText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The two tables every sample writes a row to, {@code node_metrics} and {@code node_scores}, for {@link CopyUpsertSink}. */
public final class SampleTables {

    private static final List<String> SEED = NodeFeatures.SEED_FEATURES;

    private SampleTables() {
    }

    private static ZonedDateTime time(ScoredSample s) {
        return ZonedDateTime.ofInstant(Instant.ofEpochMilli(s.ts()), ZoneOffset.UTC);
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }

    private static Short label(ScoredSample s) {
        return s.attack() == null ? null : s.attack().shortValue();
    }

    /** {@code values} as a list whose NaNs are NULL, without copying. */
    private static List<Double> nullable(double[] values) {
        return new AbstractList<>() {
            @Override
            public Double get(int i) {
                return orNull(values[i]);
            }

            @Override
            public int size() {
                return values.length;
            }
        };
    }

    private record Key(String node, long ts) {
    }

    /**
     * {@code node_metrics}: the seed's 24 features in their columns, any other feature in {@code extra}; a
     * label already set (by {@code vigil label}) is kept when the row comes again without one.
     */
    public static final class NodeMetrics extends CopyTable<ScoredSample> {
        private static final long serialVersionUID = 1L;

        public NodeMetrics() {
            super("node_metrics", List.of("node", "ts"), String.join(", ", SEED.stream().map(f -> f + " = EXCLUDED." + f)
                    .toList()) + ", extra = EXCLUDED.extra, attack = COALESCE(EXCLUDED.attack, node_metrics.attack)");
        }

        @Override
        protected Object key(ScoredSample row) {
            return new Key(row.node(), row.ts());
        }

        @Override
        protected AbstractMapping<ScoredSample> mapping(String schema, String name) {
            return new Mapping(schema, name);
        }

        /** Where each seed feature sits in a sample's names; samples of one input share their names array. */
        private static final class Mapping extends AbstractMapping<ScoredSample> {
            private String[] names;
            private int[] seedIndex;
            private boolean hasExtra;

            Mapping(String schema, String name) {
                super(schema, name);
                mapText("node", ScoredSample::node);
                mapTimeStampTz("ts", SampleTables::time);
                for (int k = 0; k < SEED.size(); k++) {
                    int column = k;
                    mapDouble(SEED.get(k), s -> {
                        int i = index(s)[column];
                        return i < 0 ? null : orNull(s.values()[i]);
                    });
                }
                mapJsonb("extra", this::extra);
                mapShort("attack", SampleTables::label);
            }

            private int[] index(ScoredSample s) {
                if (s.names() != names && !Arrays.equals(s.names(), names)) {
                    int[] index = new int[SEED.size()];
                    Arrays.fill(index, -1);
                    boolean extra = false;
                    for (int i = 0; i < s.names().length; i++) {
                        int k = SEED.indexOf(s.names()[i]);
                        if (k >= 0) {
                            index[k] = i;
                        } else {
                            extra = true;
                        }
                    }
                    seedIndex = index;
                    hasExtra = extra;
                }
                names = s.names();
                return seedIndex;
            }

            private String extra(ScoredSample s) {
                int[] index = index(s);
                if (!hasExtra) {
                    return null;
                }
                double[] extra = s.values().clone();
                for (int i : index) {
                    if (i >= 0) {
                        extra[i] = Double.NaN;
                    }
                }
                return JsonText.object(s.names(), extra);
            }
        }
    }

    /**
     * {@code node_scores}: z as an array aligned to the sample's feature list, which is stored once in
     * {@code feature_lists} and referred to by id.
     */
    public static final class NodeScores extends CopyTable<ScoredSample> {
        private static final long serialVersionUID = 1L;

        private transient Map<List<String>, Integer> listIds;

        public NodeScores() {
            super("node_scores", List.of("node", "ts"), "features = EXCLUDED.features, z = EXCLUDED.z, "
                    + "max_abs_z = EXCLUDED.max_abs_z, anomaly = EXCLUDED.anomaly, top_features = EXCLUDED.top_features, "
                    + "top_z = EXCLUDED.top_z, attack = COALESCE(EXCLUDED.attack, node_scores.attack)");
        }

        @Override
        protected Object key(ScoredSample row) {
            return new Key(row.node(), row.ts());
        }

        @Override
        protected void prepare(Connection connection, Collection<ScoredSample> rows) throws SQLException {
            if (listIds == null) {
                listIds = new HashMap<>();
            }
            boolean added = false;
            for (ScoredSample s : rows) {
                List<String> names = Arrays.asList(s.names());
                if (!listIds.containsKey(names)) {
                    listIds.put(List.copyOf(names), featureListId(connection, s.names()));
                    added = true;
                }
            }
            if (added) {
                connection.commit(); // before the batch: an id in the cache is one that exists
            }
        }

        /** The id of a feature list, added if new (concurrent writers may add the same list: one wins). */
        public static int featureListId(Connection connection, String[] names) throws SQLException {
            try (PreparedStatement add = connection.prepareStatement(
                    "INSERT INTO feature_lists (names) VALUES (?) ON CONFLICT (names) DO NOTHING")) {
                add.setArray(1, connection.createArrayOf("text", names));
                add.executeUpdate();
            }
            try (PreparedStatement find = connection.prepareStatement("SELECT id FROM feature_lists WHERE names = ?")) {
                find.setArray(1, connection.createArrayOf("text", names));
                try (ResultSet rs = find.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        }

        @Override
        protected AbstractMapping<ScoredSample> mapping(String schema, String name) {
            NodeScores scores = this;
            return new AbstractMapping<>(schema, name) {
                {
                    mapText("node", ScoredSample::node);
                    mapTimeStampTz("ts", SampleTables::time);
                    mapInteger("features", s -> scores.listIds.get(Arrays.asList(s.names())));
                    mapDoubleArray("z", s -> nullable(s.z()));
                    mapDouble("max_abs_z", s -> orNull(s.maxAbsZ()));
                    mapBoolean("anomaly", ScoredSample::anomaly);
                    mapTextArray("top_features", s -> Arrays.asList(s.topFeatures()));
                    mapDoubleArray("top_z", s -> nullable(s.topZ()));
                    mapShort("attack", SampleTables::label);
                }
            };
        }
    }
}
