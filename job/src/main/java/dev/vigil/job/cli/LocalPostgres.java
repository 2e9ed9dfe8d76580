package dev.vigil.job.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;

/**
 * Starts the real Postgres that ships in a Maven jar, for the demo and the benchmark when no --jdbc-url is
 * given. Durability is off (fsync, synchronous_commit): these databases live as long as the command.
 */
final class LocalPostgres {

    private LocalPostgres() {
    }

    /** A started Postgres on {@code port}, or on a free port when it is 0. */
    static EmbeddedPostgres start(int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off");
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }
}
