package dev.vigil.job.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The FlinkDeployment's entry class reports a bad start as an exception, never by ending the JVM. */
class ClusterMainTest {

    @Test
    void aUsageErrorFailsTheApplicationWithItsExitCode() {
        assertThatThrownBy(() -> ClusterMain.main(new String[] {"--no-such-flag"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vigil run --no-such-flag stopped with exit code 2");
    }

    @Test
    void aRunWithoutInputFailsTheApplication() {
        // No Postgres and no output: vigil run refuses before building a job.
        assertThatThrownBy(() -> ClusterMain.main(new String[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exit code 2");
    }
}
