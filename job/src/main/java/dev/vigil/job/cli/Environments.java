package dev.vigil.job.cli;

import dev.vigil.job.JobSettings;
import dev.vigil.job.VigilOptions;
import dev.vigil.sinks.postgres.PostgresSettings;
import dev.vigil.sinks.postgres.SchemaMigrator;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;

/** Shared steps of the commands: checks on the configuration, and migrating the schema before a job starts. */
final class Environments {

    private Environments() {
    }

    /** Forces the settings every Vigil job relies on: no silent Kryo fall-back. */
    static Configuration harden(Configuration conf) {
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return conf;
    }

    /** Postgres settings from the configuration with the password from the environment, schema migrated. */
    static Optional<PostgresSettings> migratedPostgres(Configuration conf) {
        Optional<PostgresSettings> pg = JobSettings.postgres(conf, System::getenv);
        pg.ifPresent(settings -> {
            String version = SchemaMigrator.migrate(settings);
            System.out.println("Postgres schema at version " + version + " (" + conf.get(VigilOptions.JDBC_URL) + ")");
        });
        return pg;
    }
}
