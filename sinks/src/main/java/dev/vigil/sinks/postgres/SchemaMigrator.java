package dev.vigil.sinks.postgres;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Creates and upgrades Vigil's Postgres schema with Flyway; run once by the client before the job starts. */
public final class SchemaMigrator {

    private SchemaMigrator() {
    }

    /** Applies pending migrations from {@code db/migration} and returns the schema version afterwards. */
    public static String migrate(PostgresSettings settings) {
        MigrateResult result = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(settings.url(), settings.user(), settings.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
    }
}
