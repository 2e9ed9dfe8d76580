package dev.vigil.job.it;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** What the job ITCases share: a two-slot MiniCluster and the production-like configuration. */
final class TestJobs {

    private TestJobs() {
    }

    static MiniClusterExtension miniCluster() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    }

    /** RocksDB state and no Kryo fall-back, as in flink-conf/config.yaml. */
    static Configuration configuration() {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return conf;
    }

    /**
     * A logistic-regression window model trained as the README shows it ({@code vigil simulate}, then
     * {@code vigil train}) on simulated nodes other than the tests' (seed 7, not the default 42).
     */
    static java.nio.file.Path trainedLinearModel(java.nio.file.Path dir) {
        java.nio.file.Path data = dir.resolve("training.jsonl");
        if (dev.vigil.job.cli.VigilCli.execute("simulate", "--nodes", "6", "--span", "8h", "--episodes", "8",
                "--seed", "7", "--output", data.toString()) != 0
                || dev.vigil.job.cli.VigilCli.execute("train", "--input", data.toString(), "--models", "linear",
                        "--out", dir.resolve("models").toString()) != 0) {
            throw new IllegalStateException("training the test model failed");
        }
        return dir.resolve("models").resolve("linear.tribuo");
    }
}
