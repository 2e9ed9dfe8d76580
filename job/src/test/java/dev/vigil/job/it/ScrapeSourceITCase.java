package dev.vigil.job.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.core.event.ParsedRecord;
import dev.vigil.sources.scrape.ScrapeSettings;
import dev.vigil.sources.scrape.ScrapeSource;
import dev.vigil.sources.scrape.ScrapeTarget;
import dev.vigil.sources.scrape.TargetDiscovery;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scrape source against real HTTP endpoints served in-process: a node-exporter answer (the recorded
 * scrape), garbage, an endpoint that answers too slowly and one where nothing listens; targets added and
 * removed by discovery while the job runs. Failures become rejections, and the job keeps scraping.
 */
class ScrapeSourceITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    private static HttpServer server;
    private static String base;
    private static final AtomicInteger GOOD_REQUESTS = new AtomicInteger();

    /** Targets the test changes while the job runs; static because the discovery object is serialized. */
    static final List<ScrapeTarget> DISCOVERED = new CopyOnWriteArrayList<>();

    static final class TestDiscovery implements TargetDiscovery {
        private static final long serialVersionUID = 1L;

        @Override
        public List<ScrapeTarget> discover() {
            return List.copyOf(DISCOVERED);
        }

        @Override
        public String describe() {
            return "the test's list";
        }
    }

    @BeforeAll
    static void serve() throws IOException {
        byte[] exposition = Files.readAllBytes(Path.of("../testdata/node-exporter-1.5.0.prom"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/good", exchange -> {
            GOOD_REQUESTS.incrementAndGet();
            answer(exchange, 200, exposition);
        });
        server.createContext("/garbage", exchange -> answer(exchange, 200,
                "<html>not metrics</html>\n".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/error", exchange -> answer(exchange, 503, "overloaded".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(1_500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, exposition);
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void scrapesReportsFailuresAndFollowsDiscovery() throws Exception {
        ScrapeSettings settings = ScrapeSettings.defaults().withInterval(Duration.ofMillis(500), Duration.ofMillis(400))
                .withDiscoveryInterval(Duration.ofMillis(300));
        List<ScrapeTarget> listed = List.of(
                new ScrapeTarget("good-1", base + "/good"),
                new ScrapeTarget("garbage", base + "/garbage"),
                new ScrapeTarget("error", base + "/error"),
                new ScrapeTarget("slow", base + "/slow"),
                new ScrapeTarget("down", "http://127.0.0.1:" + closedPort() + "/metrics"));
        DISCOVERED.clear();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        List<ParsedRecord> seen = new ArrayList<>();
        try (CloseableIterator<ParsedRecord> it = env.fromSource(new ScrapeSource(listed, new TestDiscovery(), settings),
                WatermarkStrategy.noWatermarks(), "scrape").executeAndCollect("scrape test")) {
            long phaseEnd = System.currentTimeMillis() + 4_000;
            while (System.currentTimeMillis() < phaseEnd && it.hasNext()) {
                seen.add(it.next());
            }
            DISCOVERED.add(new ScrapeTarget("good-2", base + "/good?second"));
            phaseEnd = System.currentTimeMillis() + 3_000;
            while (System.currentTimeMillis() < phaseEnd && it.hasNext()) {
                seen.add(it.next());
            }
            assertThat(nodes(seen, "good-2")).as("a discovered target is scraped").isGreaterThan(0);
            DISCOVERED.clear();
            phaseEnd = System.currentTimeMillis() + 1_500;
            while (System.currentTimeMillis() < phaseEnd && it.hasNext()) {
                seen.add(it.next());
            }
            int after = nodes(seen, "good-2");
            phaseEnd = System.currentTimeMillis() + 2_000;
            List<ParsedRecord> later = new ArrayList<>();
            while (System.currentTimeMillis() < phaseEnd && it.hasNext()) {
                later.add(it.next());
            }
            assertThat(nodes(later, "good-2")).as("a target gone from discovery is no longer scraped").isZero();
            assertThat(nodes(later, "good-1")).as("the listed targets go on").isGreaterThan(0);
            assertThat(after).isGreaterThan(0);
        }
        assertThat(nodes(seen, "good-1")).isGreaterThanOrEqualTo(10);
        ParsedRecord sample = seen.stream().filter(r -> r.isSample() && r.sample().node().equals("good-1")).findFirst()
                .orElseThrow();
        assertThat(sample.sample().ts() % 500).as("stamped on the interval grid").isZero();
        assertThat(sample.sample().names()).hasSize(24);
        assertThat(sample.sample().value("open_fds")).hasValue(676.0);
        assertThat(sample.sample().source()).isEqualTo("scrape:" + base + "/good");
        assertThat(reasons(seen, "/garbage")).allMatch(r -> r.equals(
                "scrape of node garbage failed: malformed exposition: line 1: a metric name must start with a letter, '_' or ':'"));
        assertThat(reasons(seen, "/error")).allMatch(r -> r.equals("scrape of node error failed: HTTP 503"));
        assertThat(reasons(seen, "/slow")).allMatch(r -> r.equals("scrape of node slow failed: timed out"));
        assertThat(reasons(seen, "/metrics")).allMatch(r -> r.equals("scrape of node down failed: connection refused or unreachable"));
        for (String path : List.of("/garbage", "/error", "/slow", "/metrics")) {
            assertThat(reasons(seen, path)).as(path + " is reported on every scrape").hasSizeGreaterThanOrEqualTo(5);
        }
    }

    private static int nodes(List<ParsedRecord> records, String node) {
        return (int) records.stream().filter(r -> r.isSample() && r.sample().node().equals(node)).count();
    }

    private static List<String> reasons(List<ParsedRecord> records, String path) {
        return records.stream().filter(r -> !r.isSample() && r.rejection().source().endsWith(path))
                .map(r -> r.rejection().reason()).toList();
    }
}
