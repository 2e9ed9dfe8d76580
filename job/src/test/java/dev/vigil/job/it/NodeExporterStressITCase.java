package dev.vigil.job.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.ScoredSample;
import dev.vigil.job.JobSettings;
import dev.vigil.job.VigilOptions;
import dev.vigil.job.pipeline.ScrapeInput;
import dev.vigil.job.pipeline.VigilPipeline;
import dev.vigil.sources.scrape.ScrapeTarget;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seed's stress experiment on a real node: Debian's prometheus-node-exporter on a loopback port,
 * scraped every second by the job for a calm minute, then stress-ng burns every CPU and forks for 20 s.
 * The stress interval must be flagged on the features that stress moves (idle CPU, forks, load) and the
 * calm minute must not be. CI installs both programs; there a missing one fails the test.
 */
class NodeExporterStressITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    static final Queue<ScoredSample> SCORES = new ConcurrentLinkedQueue<>();
    private static final Set<String> STRESSED = Set.of("cpu_sec_idle", "forks_total", "load1");

    @Test
    void stressIsFlaggedOnCpuForksAndLoadAndTheCalmMinuteIsNot() throws Exception {
        String exporter = program("prometheus-node-exporter", "node_exporter");
        String stressNg = program("stress-ng");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("node-exporter", ".log");
        String url = "http://127.0.0.1:" + port + "/metrics";
        SCORES.clear();
        Configuration conf = TestJobs.configuration();
        conf.set(VigilOptions.SCRAPE_INTERVAL, Duration.ofSeconds(1));
        conf.set(VigilOptions.ZSCORE_WARMUP, 20);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        VigilPipeline.build(env,
                List.of(new ScrapeInput(List.of(new ScrapeTarget("local", url)), null, JobSettings.scrape(conf))),
                (scores, rejections) -> scores.sinkTo(new QueueSink()), JobSettings.from(conf));
        JobClient job = env.executeAsync("node-exporter stress");
        Process nodeExporter = null;
        try {
            // The exporter starts once the job runs (its first scrapes fail and are retried), so the baseline
            // is learnt on a machine that has settled, not while this JVM starts Flink and opens its files.
            Thread.sleep(15_000);
            nodeExporter = new ProcessBuilder(exporter, "--web.listen-address=127.0.0.1:" + port, "--collector.tcpstat")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            awaitAnswer(url, nodeExporter, log);
            awaitScores(1, Duration.ofSeconds(60));
            long calmFrom = System.currentTimeMillis();
            Thread.sleep(60_000);
            long stressFrom = System.currentTimeMillis();
            Path stressLog = Files.createTempFile("stress-ng", ".log");
            Process stress = new ProcessBuilder(stressNg, "--cpu", "0", "--fork", "2", "--timeout", "20s",
                    "--metrics-brief").redirectErrorStream(true).redirectOutput(stressLog.toFile()).start();
            assertThat(stress.waitFor(60, TimeUnit.SECONDS)).as("stress-ng ends").isTrue();
            assertThat(stress.exitValue()).as("stress-ng exit code; its output: " + Files.readString(stressLog))
                    .isZero();
            System.out.println(Files.readString(stressLog));
            long stressTo = System.currentTimeMillis();
            Thread.sleep(8_000); // the watermark passes the last stressed samples
            List<ScoredSample> all = new ArrayList<>(SCORES);
            List<ScoredSample> calm = all.stream().filter(s -> s.ts() >= calmFrom && s.ts() < stressFrom - 1_000
                    && !Double.isNaN(s.maxAbsZ())).toList();
            List<ScoredSample> stressed = all.stream().filter(s -> s.ts() >= stressFrom + 3_000
                    && s.ts() <= stressTo - 1_000).toList();
            report("calm", calm);
            report("stress", stressed);

            assertThat(calm).as("scored calm samples").hasSizeGreaterThanOrEqualTo(30);
            assertThat(stressed).as("scored stressed samples").hasSizeGreaterThanOrEqualTo(12);
            assertThat(stressed.stream().filter(s -> z(s, "cpu_sec_idle") <= -3 || z(s, "forks_total") >= 3).count())
                    .as("idle CPU far below or forks far above their baselines")
                    .isGreaterThanOrEqualTo(stressed.size() * 8L / 10);
            assertThat(fractionFlaggedOnStress(stressed)).as("stressed samples flagged on cpu/forks/load")
                    .isGreaterThanOrEqualTo(0.8);
            assertThat(fractionFlaggedOnStress(calm)).as("calm samples flagged on cpu/forks/load")
                    .isLessThanOrEqualTo(0.1);
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
            if (nodeExporter != null) {
                nodeExporter.destroy();
                nodeExporter.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static double fractionFlaggedOnStress(List<ScoredSample> samples) {
        long flagged = samples.stream().filter(s -> s.anomaly()
                && Arrays.stream(s.topFeatures()).anyMatch(STRESSED::contains)).count();
        return samples.isEmpty() ? 0 : (double) flagged / samples.size();
    }

    private static double z(ScoredSample s, String feature) {
        int i = Arrays.asList(s.names()).indexOf(feature);
        return i < 0 ? Double.NaN : s.z()[i];
    }

    private static void report(String phase, List<ScoredSample> samples) {
        System.out.printf("%s: %d samples, %.0f %% flagged on cpu/forks/load, any flag %d%n", phase, samples.size(),
                100 * fractionFlaggedOnStress(samples), samples.stream().filter(ScoredSample::anomaly).count());
        for (ScoredSample s : samples) {
            System.out.printf("  %s %s max|z| %.1f top %s z(idle) %.1f z(forks) %.1f%n",
                    java.time.Instant.ofEpochMilli(s.ts()), s.anomaly() ? "FLAG" : "    ", s.maxAbsZ(),
                    Arrays.toString(s.topFeatures()), z(s, "cpu_sec_idle"), z(s, "forks_total"));
        }
    }

    /** The first of {@code names} on the PATH; missing fails in CI and skips elsewhere. */
    private static String program(String... names) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : names) {
                File f = new File(dir, name);
                if (f.canExecute()) {
                    return f.getPath();
                }
            }
        }
        String message = names[0] + " is not installed (.ci/run installs it: apt-get install prometheus-node-exporter "
                + "stress-ng)";
        if (System.getenv("CI") != null) {
            throw new AssertionError(message);
        }
        Assumptions.abort(message);
        return null;
    }

    private static void awaitAnswer(String url, Process exporter, Path log) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            if (!exporter.isAlive()) {
                throw new AssertionError("node-exporter exited: " + Files.readString(log));
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("node_load1")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("node-exporter did not answer on " + url + ": " + Files.readString(log));
    }

    private static void awaitScores(int n, Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (SCORES.size() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(SCORES.size()).as("scores arrive").isGreaterThanOrEqualTo(n);
    }

    /** Scores into the static queue (the MiniCluster runs in this JVM). */
    static final class QueueSink implements Sink<ScoredSample> {
        @Override
        public SinkWriter<ScoredSample> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(ScoredSample element, Context c) {
                    SCORES.add(element);
                }

                @Override
                public void flush(boolean endOfInput) {
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
