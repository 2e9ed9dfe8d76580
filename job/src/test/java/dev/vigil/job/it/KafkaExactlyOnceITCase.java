package dev.vigil.job.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.MetricSample;
import dev.vigil.core.event.ParsedRecord;
import dev.vigil.core.json.JsonText;
import dev.vigil.job.JobSettings;
import dev.vigil.job.VigilOptions;
import dev.vigil.job.pipeline.Input;
import dev.vigil.job.pipeline.KafkaAlertOutputs;
import dev.vigil.job.pipeline.KafkaInput;
import dev.vigil.job.pipeline.Outputs;
import dev.vigil.job.pipeline.PostgresOutputs;
import dev.vigil.job.pipeline.VigilPipeline;
import dev.vigil.sinks.postgres.EmbeddedPostgresExtension;
import dev.vigil.sources.kafka.KafkaBrokerExtension;
import dev.vigil.sources.kafka.KafkaSettings;
import dev.vigil.sources.simulator.ClusterSimulator;
import dev.vigil.sources.simulator.SimulatorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka -> job -> Postgres and the alerts topic, with checkpoints. A task failure, a whole-job restart from
 * the latest retained checkpoint, a stop-with-savepoint and restart, a Postgres outage and a Kafka broker
 * restart each end with tables equal, row for row and value for value, to those of a run without
 * interruption: nothing lost, nothing duplicated, and the same z-scores, because baselines came back from
 * state rather than being learned again.
 */
class KafkaExactlyOnceITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestJobs.miniCluster();

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    /** 6 nodes, 3 simulated hours, 2 attacks: 6,480 samples, plus a few bad records. */
    private static final SimulatorSettings SIM = SimulatorSettings.defaults().withNodes(6)
            .withSpan(Duration.ofHours(3)).withEpisodes(2);
    /** A sample per node a day later: moves event time past every real sample in an unbounded run. */
    private static final long FAR_AHEAD = SIM.start().toEpochMilli() + Duration.ofDays(1).toMillis();
    private static List<Map.Entry<String, String>> records;
    private static Tables reference;

    @TempDir
    Path tmp;

    /** The five result tables, read whole and ordered by key; what the samples far ahead caused is left out. */
    record Tables(List<List<Object>> metrics, List<List<Object>> scores, List<List<Object>> rejected,
            List<List<Object>> predictions, List<List<Object>> alerts) {
        static Tables read() throws Exception {
            String farAhead = "to_timestamp(" + FAR_AHEAD / 1000 + ")";
            String real = " WHERE ts < " + farAhead;
            return new Tables(
                    PG.query("SELECT m.*, m.extra::text FROM node_metrics m" + real + " ORDER BY node, ts"),
                    PG.query("SELECT node, ts, z::text, max_abs_z, anomaly, top_features::text, attack "
                            + "FROM node_scores" + real + " ORDER BY node, ts"),
                    PG.query("SELECT regexp_replace(source, 'kafka:.*', 'kafka'), location, reason, payload "
                            + "FROM rejected_records ORDER BY location"),
                    PG.query("SELECT * FROM window_predictions WHERE window_end < " + farAhead
                            + " ORDER BY node, window_end, model"),
                    PG.query("SELECT a.*, a.top_features::text, a.model_votes::text FROM alerts a WHERE opened_at < "
                            + farAhead + " ORDER BY node, opened_at"));
        }
    }

    @TempDir
    static Path modelDir;
    private static Path model;

    @BeforeAll
    static void model() {
        model = TestJobs.trainedLinearModel(modelDir);
    }

    @BeforeAll
    static void data() {
        ClusterSimulator simulator = new ClusterSimulator(SIM);
        records = new ArrayList<>();
        for (long i = 0; i < SIM.totalSamples(); i++) {
            MetricSample s = simulator.sample(i);
            records.add(Map.entry(s.node(), JsonText.sampleLine(s)));
            if (i % 1500 == 700) {
                records.add(Map.entry(s.node(), "{\"node\":\"" + s.node() + "\",\"ts\":" + i + ",\"metrics\":{\"x\":"));
            }
        }
        for (int n = 0; n < SIM.nodes(); n++) {
            records.add(Map.entry(simulator.nodeName(n), "{\"node\":\"" + simulator.nodeName(n) + "\",\"ts\":"
                    + FAR_AHEAD + ",\"metrics\":{\"load1\":1}}"));
        }
    }

    @BeforeEach
    void clean() throws Exception {
        PG.truncate();
        FailOnce.reset();
    }

    private Tables reference() throws Exception {
        if (reference == null) {
            String topic = topicWithAllRecords("reference");
            run(topic, false, job -> { }, null, true);
            reference = Tables.read();
            PG.truncate();
        }
        return reference;
    }

    private String topicWithAllRecords(String name) throws Exception {
        return topicWith(name, records);
    }

    private String topicWith(String name, List<Map.Entry<String, String>> some) throws Exception {
        KAFKA.createTopic(name, 3);
        KAFKA.createTopic(name + "-alerts", 2);
        KAFKA.produce(name, some);
        return name;
    }

    private static List<Map.Entry<String, String>> firstHalf() {
        return records.subList(0, records.size() / 2);
    }

    private static List<Map.Entry<String, String>> secondHalf() {
        return records.subList(records.size() / 2, records.size());
    }

    private Configuration configuration(String savepoint) {
        Configuration conf = TestJobs.configuration();
        conf.set(VigilOptions.MODELS, List.of("linear=" + model));
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(300));
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, tmp.resolve("checkpoints").toUri().toString());
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 200);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
        if (savepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        return conf;
    }

    interface WhileRunning {
        void accept(JobClient job) throws Exception;
    }

    /** Runs the job on {@code topic}; bounded runs wait for the end, unbounded ones are left to {@code during}. */
    private void run(String topic, boolean failOnce, WhileRunning during, String savepoint, boolean bounded)
            throws Exception {
        Configuration conf = configuration(savepoint);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        Input kafka = new KafkaInput(new KafkaSettings(KAFKA.bootstrapServers(), topic, "vigil-" + topic,
                "earliest", Map.of()), bounded);
        Input input = failOnce ? new FailingInput(kafka) : kafka;
        Outputs outputs = Outputs.both(new PostgresOutputs(PG.settings()),
                new KafkaAlertOutputs(KAFKA.bootstrapServers(), topic + "-alerts", Map.of()));
        VigilPipeline.build(env, List.of(input), outputs, JobSettings.from(conf));
        JobClient job = env.executeAsync("kafka " + topic);
        try {
            during.accept(job);
            if (bounded) {
                job.getJobExecutionResult().get(3, TimeUnit.MINUTES);
            }
        } catch (Exception | AssertionError e) {
            // Free the slots for the next test; a job left running would starve it.
            job.cancel().exceptionally(ignored -> null).get(1, TimeUnit.MINUTES);
            throw e;
        } finally {
            // A cancel returns once it is asked for; the tasks (and their sinks' last flushes) end after.
            // The next run starts only when this job has ended.
            job.getJobExecutionResult().handle((result, failure) -> null).get(1, TimeUnit.MINUTES);
        }
    }

    private static long realScores() throws Exception {
        return PG.count("SELECT count(*) FROM node_scores WHERE ts < to_timestamp(" + FAR_AHEAD / 1000 + ")");
    }

    /**
     * Waits until every table holds as many rows as {@code expected} and every incident is closed: the
     * sinks flush on their own checkpoints, so the scores alone may be complete before the rest.
     */
    private static void awaitAll(Tables expected) throws Exception {
        awaitScores(SIM.totalSamples());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        String farAhead = "to_timestamp(" + FAR_AHEAD / 1000 + ")";
        while (PG.count("SELECT count(*) FROM window_predictions WHERE window_end < " + farAhead)
                < expected.predictions().size()
                || PG.count("SELECT count(*) FROM alerts WHERE closed AND opened_at < " + farAhead)
                < expected.alerts().size()) {
            assertThat(System.nanoTime()).as("waiting for predictions and closed alerts").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static void awaitScores(long atLeast) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        long last = -1;
        long seen;
        while ((seen = realScores()) < atLeast) {
            if (System.nanoTime() > deadline) {
                System.out.println("per node: " + PG.query("SELECT node, count(*), max(ts) FROM node_scores WHERE ts < "
                        + "to_timestamp(" + FAR_AHEAD / 1000 + ") GROUP BY node ORDER BY node"));
            }
            assertThat(System.nanoTime()).as("waiting for %d scores, have %d", atLeast, seen).isLessThan(deadline);
            if (seen != last) {
                System.out.printf("scores so far: %d of %d%n", seen, atLeast);
                last = seen;
            }
            Thread.sleep(100);
        }
    }

    @Test
    void aTaskFailureLosesAndDuplicatesNothing() throws Exception {
        Tables expected = reference();
        assertThat(expected.scores()).hasSize((int) SIM.totalSamples());
        assertThat(expected.predictions()).as("a window per sample and five after each node's last")
                .hasSize((int) SIM.totalSamples() + 5 * SIM.nodes());
        assertThat(expected.alerts()).as("incidents, all closed").isNotEmpty()
                .allMatch(row -> Boolean.TRUE.equals(row.get(3)));
        assertThat(expected.rejected()).hasSize(records.size() - (int) SIM.totalSamples() - SIM.nodes());

        String topic = topicWithAllRecords("task-failure");
        run(topic, true, job -> { }, null, true);

        assertThat(FailOnce.FAILED).as("the failure was injected").isTrue();
        assertSameTables(expected);

        // Every anomaly in Postgres is on the alerts topic once, for read_committed consumers: the transactions
        // committed before the failure and the ones after the restore. (Alerts once carried the samples' time
        // as their Kafka timestamp; the broker's 7-day retention then deleted the first segments of these
        // January 2026 alerts now and then, which looked like lost transactions.)
        List<ConsumerRecord<String, String>> alerts = KAFKA.consumeAll(topic + "-alerts");
        List<String> anomalies = PG.query("SELECT node, ts FROM node_scores WHERE anomaly").stream()
                .map(r -> r.get(0) + "@" + ((java.sql.Timestamp) r.get(1)).toInstant()).sorted().toList();
        assertThat(alerts.stream().map(ConsumerRecord::key).sorted().toList()).as("one alert per anomaly")
                .isEqualTo(anomalies);
        assertThat(alerts.get(0).value()).contains("\"postgres\":{\"table\":\"node_scores\"");
        System.out.println("an alert: " + alerts.get(0).value());
    }

    @Test
    void aWholeJobRestartFromTheLatestCheckpointGivesTheSameTables() throws Exception {
        Tables expected = reference();
        String topic = topicWith("job-restart", firstHalf());
        run(topic, false, job -> {
            awaitScores(SIM.totalSamples() / 3);
            awaitCheckpoint();
            job.cancel().get(1, TimeUnit.MINUTES);
        }, null, false);
        long beforeRestart = realScores();
        String checkpoint = latestCheckpoint();
        KAFKA.produce(topic, secondHalf());

        run(topic, false, job -> {
            awaitAll(expected);
            job.cancel().get(1, TimeUnit.MINUTES);
        }, checkpoint, false);

        assertThat(beforeRestart).isLessThan(SIM.totalSamples());
        assertSameTables(expected);
    }

    @Test
    void stopWithSavepointAndResumeGivesTheSameTables() throws Exception {
        Tables expected = reference();
        String topic = topicWith("savepoint", firstHalf());
        String[] savepoint = new String[1];
        run(topic, false, job -> {
            awaitScores(SIM.totalSamples() / 3);
            savepoint[0] = job.stopWithSavepoint(false, tmp.resolve("savepoints").toUri().toString(),
                    SavepointFormatType.CANONICAL).get(1, TimeUnit.MINUTES);
        }, null, false);
        assertThat(realScores()).isLessThan(SIM.totalSamples() / 2 + 1);
        KAFKA.produce(topic, secondHalf());

        run(topic, false, job -> {
            awaitAll(expected);
            job.cancel().get(1, TimeUnit.MINUTES);
        }, savepoint[0], false);

        assertSameTables(expected);
    }

    @Test
    void aPostgresOutageMidRunEndsWithCompleteTables() throws Exception {
        Tables expected = reference();
        String topic = topicWith("pg-outage", firstHalf());
        run(topic, false, job -> {
            awaitScores(SIM.totalSamples() / 3);
            PG.stop();
            KAFKA.produce(topic, secondHalf());
            Thread.sleep(8_000);
            PG.start();
            awaitAll(expected);
            job.cancel().get(1, TimeUnit.MINUTES);
        }, null, false);
        assertSameTables(expected);
    }

    @Test
    void aKafkaBrokerRestartMidRunEndsWithCompleteTables() throws Exception {
        Tables expected = reference();
        String topic = topicWith("broker-restart", firstHalf());
        run(topic, false, job -> {
            awaitScores(SIM.totalSamples() / 3);
            KAFKA.stop();
            Thread.sleep(3_000);
            KAFKA.start();
            KAFKA.produce(topic, secondHalf());
            awaitAll(expected);
            job.cancel().get(1, TimeUnit.MINUTES);
        }, null, false);
        assertSameTables(expected);
    }

    @Test
    void vigilRunReadsKafkaWritesAlertsAndParsesEvents() throws Exception {
        List<Map.Entry<String, String>> metrics = records.subList(0, 1200);
        topicWith("cli-metrics", metrics);
        KAFKA.createTopic("cli-events", 1);
        List<Map.Entry<String, String>> events = new java.util.ArrayList<>();
        for (String file : List.of("hubble-flows.jsonl", "falco-events.jsonl")) {
            Files.readAllLines(Path.of("../testdata", file)).forEach(line -> events.add(Map.entry("k", line)));
        }
        events.add(Map.entry("pod-a", "{\"flow\":{\"verdict\":\"DROPPED\"}}"));
        events.add(Map.entry("pod-b", "not json at all"));
        KAFKA.produce("cli-events", events);
        int exit = dev.vigil.job.cli.VigilCli.execute("run", "--kafka-bootstrap", KAFKA.bootstrapServers(),
                "--kafka-topic", "cli-metrics", "--events-topic", "cli-events", "--alerts-topic", "cli-metrics-alerts",
                "--bounded", "--jdbc-url", PG.url(), "--jdbc-user", "postgres", "--state", "rocksdb");
        assertThat(exit).isZero();
        long bad = metrics.stream().filter(r -> r.getValue().endsWith("{\"x\":")).count();
        assertThat(PG.count("SELECT count(*) FROM node_scores")).isEqualTo(metrics.size() - bad);
        assertThat(PG.count("SELECT count(*) FROM rejected_records WHERE source = 'kafka:cli-metrics'")).isEqualTo(bad);
        assertThat(PG.count("SELECT count(*) FROM raw_events")).as("every record as it arrived").isEqualTo(events.size());
        assertThat(PG.query("SELECT location, reason, payload FROM rejected_records WHERE source = 'kafka:cli-events' "
                + "ORDER BY location")).containsExactlyInAnyOrder(
                List.of("0@9", "no flow time ('time')", "{\"flow\":{\"verdict\":\"DROPPED\"}}"),
                List.of("0@10", "not a JSON object: records of a topic are Hubble, Falco or Vigil JSON",
                        "not json at all"));
        assertThat(PG.query("SELECT location, node, pod, namespace, name, category, args->>'verdict', "
                + "args->>'drop_reason' FROM flow_events WHERE location = '0@2'")).containsExactly(
                List.of("0@2", "worker-2", "postgres-0", "shop", "tcp", "flow", "DROPPED", "POLICY_DENIED"));
        assertThat(PG.query("SELECT name, category, args->>'priority', pod FROM flow_events WHERE location = '0@5'"))
                .containsExactly(List.of("Terminal shell in container", "syscall", "Notice", "frontend-7c9d8b6f5-abcde"));
        assertThat(PG.count("SELECT count(*) FROM flow_events")).as("5 Hubble flows and 4 Falco alerts").isEqualTo(9);
        assertThat(KAFKA.consumeAll("cli-metrics-alerts"))
                .hasSize((int) PG.count("SELECT count(*) FROM node_scores WHERE anomaly"));
    }

    private static void assertSameTables(Tables expected) throws Exception {
        Tables actual = Tables.read();
        assertSameRows("node_metrics", actual.metrics(), expected.metrics());
        assertSameRows("node_scores", actual.scores(), expected.scores());
        assertSameRows("rejected_records", actual.rejected(), expected.rejected());
        assertSameRows("window_predictions", actual.predictions(), expected.predictions());
        assertSameRows("alerts", actual.alerts(), expected.alerts());
    }

    /** Names the first row that differs: a table of thousands of rows printed whole says nothing. */
    private static void assertSameRows(String table, List<List<Object>> actual, List<List<Object>> expected) {
        for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
            assertThat(actual.get(i)).as("%s, row %d of %d (expected %d rows)", table, i, actual.size(), expected.size())
                    .isEqualTo(expected.get(i));
        }
        assertThat(actual).as(table).hasSameSizeAs(expected);
    }

    /** Waits for a completed checkpoint (every 300 ms; the first may take longer while the job starts). */
    private void awaitCheckpoint() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            try (Stream<Path> files = Files.walk(tmp.resolve("checkpoints"))) {
                if (files.anyMatch(p -> p.getFileName().toString().equals("_metadata"))) {
                    return;
                }
            } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
                // the directory appears with the first checkpoint
            }
            assertThat(System.nanoTime()).as("waiting for a checkpoint").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private String latestCheckpoint() throws Exception {
        try (Stream<Path> files = Files.walk(tmp.resolve("checkpoints"))) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .map(Path::getParent)
                    .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().substring(4))))
                    .orElseThrow().toUri().toString();
        }
    }

    /** The Kafka input with a task that throws once, after a checkpoint completed and 2,000 records. */
    record FailingInput(Input inner) implements Input {
        @Override
        public String id() {
            return inner.id();
        }

        @Override
        public DataStream<ParsedRecord> attach(StreamExecutionEnvironment env, JobSettings settings) {
            DataStream<ParsedRecord> records = inner.attach(env, settings);
            return records.map(new FailOnce(), TypeInformation.of(ParsedRecord.class)).name("fail once")
                    .uid("fail-once").setParallelism(records.getParallelism());
        }
    }

    /** Throws once per test; the flags are static because the failed task is replaced by a new instance. */
    static final class FailOnce implements MapFunction<ParsedRecord, ParsedRecord>, CheckpointListener {
        static volatile boolean FAILED;
        static volatile boolean CHECKPOINTED;
        private static final AtomicLong FIRST_COMPLETED = new AtomicLong(-1);
        static final AtomicLong SEEN = new AtomicLong();
        private static final AtomicBoolean ARMED = new AtomicBoolean();

        static void reset() {
            FAILED = false;
            CHECKPOINTED = false;
            FIRST_COMPLETED.set(-1);
            SEEN.set(0);
            ARMED.set(true);
        }

        @Override
        public ParsedRecord map(ParsedRecord value) throws InterruptedException {
            if (SEEN.incrementAndGet() > 2_000 && ARMED.get()) {
                if (!CHECKPOINTED) {
                    // Slow down (between records, so barriers still pass) until a checkpoint completes: the
                    // job would otherwise read the whole topic before its first checkpoint on a fast machine.
                    Thread.sleep(1);
                } else if (ARMED.compareAndSet(true, false)) {
                    FAILED = true;
                    throw new IllegalStateException("injected failure after " + SEEN.get() + " records");
                }
            }
            return value;
        }

        /** Armed once a second checkpoint completed, so the failure comes after committed transactions. */
        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            FIRST_COMPLETED.compareAndSet(-1, checkpointId); // every subtask hears of each checkpoint
            if (checkpointId > FIRST_COMPLETED.get()) {
                CHECKPOINTED = true;
            }
        }
    }
}
