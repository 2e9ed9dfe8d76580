package dev.vigil.job.cli;

import java.util.Arrays;
import java.util.stream.Stream;

/**
 * The entry class of the FlinkDeployment (application mode): {@code vigil run} with the cluster's
 * configuration ({@code $FLINK_CONF_DIR/config.yaml}, which the operator writes from the deployment's
 * {@code flinkConfiguration}) and the deployment's {@code args} as flags. Unlike {@link VigilCli#main} it
 * never calls {@code System.exit}: the JobManager runs this method, and a bad setting must fail the
 * application with its message, not end the JobManager's JVM.
 */
public final class ClusterMain {

    private ClusterMain() {
    }

    public static void main(String[] args) {
        String[] run = Stream.concat(Stream.of("run"), Arrays.stream(args)).toArray(String[]::new);
        int code = VigilCli.execute(run);
        if (code != 0) {
            throw new IllegalArgumentException("vigil run " + String.join(" ", args) + " stopped with exit code "
                    + code + "; its message is in the JobManager's log just before this");
        }
    }
}
