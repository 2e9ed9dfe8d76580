package dev.vigil.job.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.event.MetricSample;
import dev.vigil.core.event.ParsedRecord;
import dev.vigil.core.event.ScoredSample;
import dev.vigil.core.scoring.NodeScorer;
import dev.vigil.core.scoring.NodeState;
import dev.vigil.job.JobSettings;
import org.apache.flink.streaming.api.datastream.DataStream;
import dev.vigil.sources.types.VigilTypes;
import dev.vigil.job.pipeline.NodeWindowFunction;
import dev.vigil.job.bench.BenchData;
import dev.vigil.job.bench.BenchSink;
import dev.vigil.job.bench.Measurement;
import dev.vigil.job.pipeline.KafkaInput;
import dev.vigil.job.pipeline.SimulatorInput;
import dev.vigil.job.pipeline.VigilPipeline;
import dev.vigil.sinks.postgres.PostgresSettings;
import dev.vigil.sinks.postgres.SchemaMigrator;
import dev.vigil.sinks.postgres.Statements;
import dev.vigil.sources.format.JsonLinesParser;
import dev.vigil.sources.format.ParseOptions;
import dev.vigil.sources.kafka.EmbeddedKafkaBroker;
import dev.vigil.sources.kafka.KafkaSettings;
import dev.vigil.sources.simulator.ClusterSimulator;
import dev.vigil.sources.simulator.SimulatorSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures Vigil on this machine, each figure against a plain-Java baseline in the same process: JSON
 * parsing, the pipeline from Kafka to z-scores (heap and RocksDB, checkpoints on), and the Postgres sink.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure throughput on this machine against plain-Java baselines; prints a table.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--records", defaultValue = "300000", description = "Records per run (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--nodes", defaultValue = "100", description = "Simulated nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--runs", defaultValue = "3", description = "Measured runs per figure; the median is shown (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--sink-rows", defaultValue = "200000", description = "Rows per Postgres run (default: ${DEFAULT-VALUE}).")
    int sinkRows;

    @Option(names = "--kafka-bootstrap", description = "Use this Kafka instead of an in-process broker.")
    String kafkaBootstrap;

    @Option(names = "--jdbc-url", description = "Use this Postgres instead of an embedded one (password from VIGIL_JDBC_PASSWORD).")
    String jdbcUrl;

    @Option(names = "--jdbc-user", defaultValue = "postgres", description = "Postgres user with --jdbc-url (default: ${DEFAULT-VALUE}).")
    String jdbcUser;

    @Option(names = "--markdown", description = "Also write the table as Markdown to this file.")
    Path markdown;

    @Option(names = "--only", split = ",", description = "Only these benchmarks: json, pipeline, scoring, postgres, "
            + "windows, inference (default: all).")
    List<String> only;

    private final List<String[]> rows = new ArrayList<>();
    private List<dev.vigil.job.bench.InferenceBench.Row> inference = List.of();

    @Override
    public Integer call() throws Exception {
        System.out.printf("Generating %,d records of %d nodes ...%n", records, nodes);
        List<String> lines = BenchData.jsonLines(records, nodes);
        ParseOptions options = ParseOptions.defaults();
        if (wanted("json")) {
            json(lines, options);
        }
        List<ScoredSample> scored = new ArrayList<>();
        if (wanted("pipeline") || wanted("postgres")) {
            Measurement baseline = Measurement.of("plain Java parse + z-score", lines.size(), 1, runs,
                    () -> plainPipeline(lines, options, null));
            plainPipeline(lines, options, scored);
            if (wanted("pipeline")) {
                pipeline(lines, baseline);
            }
        }
        if (wanted("postgres")) {
            postgres(scored.subList(0, Math.min(sinkRows, scored.size())));
        }
        if (wanted("scoring")) {
            scoring();
        }
        if (wanted("windows")) {
            windows();
        }
        if (wanted("inference")) {
            inference = dev.vigil.job.bench.InferenceBench.run(runs);
        }
        print();
        return 0;
    }

    private boolean wanted(String name) {
        return only == null || only.contains(name);
    }

    private void json(List<String> lines, ParseOptions options) throws Exception {
        JsonLinesParser parser = new JsonLinesParser(options, "bench");
        Measurement vigil = Measurement.of("Vigil JSON parser", lines.size(), 1, runs, () -> {
            long start = System.nanoTime();
            long ok = 0;
            for (int i = 0; i < lines.size(); i++) {
                ok += parser.parse(lines.get(i), i).isSample() ? 1 : 0;
            }
            check(ok == lines.size(), "parser rejected records");
            return (System.nanoTime() - start) / 1e9;
        });
        ObjectMapper mapper = new ObjectMapper();
        Measurement tree = Measurement.of("Jackson tree per record", lines.size(), 1, runs, () -> {
            long start = System.nanoTime();
            double sum = 0;
            for (String line : lines) {
                JsonNode node = mapper.readTree(line);
                var metrics = node.get("metrics").properties();
                for (Map.Entry<String, JsonNode> m : metrics) {
                    sum += m.getValue().asDouble();
                }
            }
            check(sum != 0, "nothing parsed");
            return (System.nanoTime() - start) / 1e9;
        });
        add("(a) JSON parsing, Vigil's streaming parser vs a Jackson tree per record", vigil, tree);
    }

    /** The same parser and scorer as the job, in one loop with a map of node states. */
    private static double plainPipeline(List<String> lines, ParseOptions options, List<ScoredSample> keep) {
        long start = System.nanoTime();
        JsonLinesParser parser = new JsonLinesParser(options, "bench");
        NodeScorer scorer = new NodeScorer(JobSettings.from(new Configuration()).scoring());
        Map<String, NodeState> states = new HashMap<>();
        long anomalies = 0;
        for (int i = 0; i < lines.size(); i++) {
            ParsedRecord r = parser.parse(lines.get(i), i);
            MetricSample s = r.sample();
            NodeScorer.Step step = scorer.score(states.get(s.node()), s);
            states.put(s.node(), step.state());
            anomalies += step.scored().anomaly() ? 1 : 0;
            if (keep != null) {
                keep.add(step.scored());
            }
        }
        check(anomalies > 0, "no anomaly scored");
        return (System.nanoTime() - start) / 1e9;
    }

    private void pipeline(List<String> lines, Measurement baseline) throws Exception {
        EmbeddedKafkaBroker broker = null;
        try {
            String bootstrap = kafkaBootstrap;
            if (bootstrap == null) {
                System.out.println("Starting an in-process Kafka broker ...");
                broker = EmbeddedKafkaBroker.launch();
                bootstrap = broker.bootstrapServers();
            }
            String topic = "vigil-bench-" + System.currentTimeMillis();
            try (var admin = org.apache.kafka.clients.admin.Admin.create(
                    Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 1, (short) 1)))
                        .all().get(30, TimeUnit.SECONDS);
            }
            System.out.printf("Producing %,d records to %s ...%n", lines.size(), topic);
            produce(bootstrap, topic, lines);
            for (String backend : List.of("hashmap", "rocksdb")) {
                int[] run = {0};
                String finalBootstrap = bootstrap;
                Measurement flink = Measurement.of("Flink " + backend, lines.size(), 0, runs,
                        () -> flinkRun(finalBootstrap, topic, backend, "bench-" + backend + "-" + run[0]++));
                add("(b) Kafka -> parse -> z-score -> discard, " + (backend.equals("hashmap") ? "heap" : "RocksDB")
                        + ", checkpoints every 10 s, 1 slot", flink, baseline);
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    private static void produce(String bootstrap, String topic, List<String> lines) {
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrap, "linger.ms", 20, "batch.size", 1 << 20,
                "compression.type", "lz4",
                "key.serializer", org.apache.kafka.common.serialization.StringSerializer.class,
                "value.serializer", org.apache.kafka.common.serialization.StringSerializer.class);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(config)) {
            for (String line : lines) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, line));
            }
            producer.flush();
        }
    }

    /**
     * (d) The keyed scoring alone: simulated samples straight into the job's scoring operator (no Kafka, no
     * parsing), against the same scorer in a plain loop over the same samples. It tells what state and
     * timers cost on each backend.
     */
    private void scoring() throws Exception {
        SimulatorSettings simulated = BenchData.simulator(records, nodes);
        ClusterSimulator simulator = new ClusterSimulator(simulated);
        List<MetricSample> samples = new ArrayList<>((int) simulated.totalSamples());
        for (long i = 0; i < simulated.totalSamples(); i++) {
            samples.add(simulator.sample(i));
        }
        Measurement plain = Measurement.of("plain Java z-score", samples.size(), 1, runs, () -> {
            long start = System.nanoTime();
            NodeScorer scorer = new NodeScorer(JobSettings.from(new Configuration()).scoring());
            Map<String, NodeState> states = new HashMap<>();
            for (MetricSample s : samples) {
                states.put(s.node(), scorer.score(states.get(s.node()), s).state());
            }
            return (System.nanoTime() - start) / 1e9;
        });
        for (String backend : List.of("hashmap", "rocksdb")) {
            Measurement flink = Measurement.of("Flink scoring " + backend, samples.size(), 0, runs, () -> {
                StreamExecutionEnvironment env = environment(backend);
                Path checkpoints = Path.of(java.net.URI.create(
                        env.getConfiguration().get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)));
                BenchSink.reset();
                VigilPipeline.build(env, List.of(new SimulatorInput(simulated, 0)), (scores, rejections) -> {
                    scores.sinkTo(new BenchSink<>()).name("discard");
                    rejections.sinkTo(new BenchSink<>()).name("discard rejections");
                }, JobSettings.from(env.getConfiguration()));
                env.execute("vigil bench scoring " + backend);
                deleteQuietly(checkpoints);
                check(BenchSink.count() >= samples.size(), "the job scored " + BenchSink.count() + " of " + samples.size());
                return BenchSink.seconds();
            });
            add("(d) simulator -> z-score -> discard (no Kafka, no parsing), " + (backend.equals("hashmap") ? "heap"
                    : "RocksDB") + ", 1 slot", flink, plain);
        }
    }

    /**
     * (e) The window stage on RocksDB: simulated samples, z-scored by the plain scorer in the source's thread
     * (several times faster than what follows), then keyed by node into either the job's pane-based window
     * function or Flink's sliding WindowOperator with the same moments and features, in a task of its own.
     * The window task is the bottleneck, so records over the job's net run time is its throughput.
     */
    private void windows() throws Exception {
        SimulatorSettings simulated = BenchData.simulator(records, nodes);
        long n = simulated.totalSamples();
        Measurement panes = Measurement.of("panes", n, 1, runs, () -> windowJob(simulated, true));
        Measurement operator = Measurement.of("WindowOperator", n, 1, runs, () -> windowJob(simulated, false));
        add("(e) window stage: Vigil's panes vs Flink's sliding WindowOperator, 60 s / 10 s, RocksDB, 1 slot",
                panes, operator);
    }

    /** Net run time in seconds of simulator -> plain z-score -> keyBy(node) -> windows, on RocksDB. */
    private static double windowJob(SimulatorSettings simulated, boolean panes) throws Exception {
        StreamExecutionEnvironment env = environment("rocksdb");
        Path checkpoints = Path.of(java.net.URI.create(
                env.getConfiguration().get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)));
        JobSettings settings = JobSettings.from(env.getConfiguration());
        DataStream<ScoredSample> scores = new SimulatorInput(simulated, 0).attach(env, settings)
                .map(new PlainScorer(settings), VigilTypes.SCORED).name("plain z-score").setParallelism(1);
        if (panes) {
            scores.keyBy(ScoredSample::node)
                    .process(new NodeWindowFunction(settings.windows(), VigilPipeline.INCIDENTS),
                            VigilTypes.WINDOW_PREDICTION)
                    .name("panes").getSideOutput(VigilPipeline.INCIDENTS).sinkTo(new BenchSink<>()).name("discard");
        } else {
            dev.vigil.job.bench.WindowOperatorBaseline.windows(scores).sinkTo(new BenchSink<>()).name("discard");
        }
        double seconds = env.execute("vigil bench windows " + (panes ? "panes" : "operator")).getNetRuntime() / 1000.0;
        deleteQuietly(checkpoints);
        return seconds;
    }

    /** The job's scorer as a plain map over one ordered input: no keyed state, no timers. */
    static final class PlainScorer extends org.apache.flink.api.common.functions.RichMapFunction<ParsedRecord, ScoredSample> {
        private static final long serialVersionUID = 1L;
        private final JobSettings settings;
        private transient NodeScorer scorer;
        private transient Map<String, NodeState> states;

        PlainScorer(JobSettings settings) {
            this.settings = settings;
        }

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext context) {
            scorer = new NodeScorer(settings.scoring());
            states = new HashMap<>();
        }

        @Override
        public ScoredSample map(ParsedRecord record) {
            MetricSample s = record.sample();
            NodeScorer.Step step = scorer.score(states.get(s.node()), s);
            states.put(s.node(), step.state());
            return step.scored();
        }
    }

    /** A local environment of parallelism 1 on {@code backend} with incremental checkpoints every 10 s. */
    private static StreamExecutionEnvironment environment(String backend) throws IOException {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, backend);
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(10));
        Path checkpoints = Files.createTempDirectory("vigil-bench-checkpoints");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        // The rows measure the z-score path against its plain-Java baseline, which has no windows.
        conf.set(dev.vigil.job.VigilOptions.WINDOWS_ENABLED, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        return env;
    }

    /** Seconds from the first to the last scored record, measured by the sink. */
    private double flinkRun(String bootstrap, String topic, String backend, String group) throws Exception {
        StreamExecutionEnvironment env = environment(backend);
        Configuration conf = (Configuration) env.getConfiguration();
        Path checkpoints = Path.of(java.net.URI.create(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)));
        BenchSink.reset();
        VigilPipeline.build(env, List.of(new KafkaInput(new KafkaSettings(bootstrap, topic, group, "earliest",
                Map.of()), true)), (scores, rejections) -> {
                    scores.sinkTo(new BenchSink<>()).name("discard");
                    rejections.sinkTo(new BenchSink<>()).name("discard rejections");
                }, JobSettings.from(conf));
        env.execute("vigil bench " + backend);
        deleteQuietly(checkpoints);
        check(BenchSink.count() >= records, "the job scored " + BenchSink.count() + " of " + records);
        return BenchSink.seconds();
    }

    /** The job's default batch size, for the sink and its baseline alike. */
    private static final int BATCH = dev.vigil.job.VigilOptions.JDBC_BATCH_SIZE.defaultValue();

    private void postgres(List<ScoredSample> rowsToWrite) throws Exception {
        EmbeddedPostgres embedded = null;
        try {
            PostgresSettings settings;
            if (jdbcUrl == null) {
                System.out.println("Starting an embedded Postgres (fsync and synchronous_commit off) ...");
                embedded = LocalPostgres.start(0);
                settings = new PostgresSettings(embedded.getJdbcUrl("postgres", "postgres"), "postgres", null, BATCH,
                        1000, 3);
            } else {
                settings = new PostgresSettings(jdbcUrl, jdbcUser, System.getenv("VIGIL_JDBC_PASSWORD"), BATCH, 1000, 3);
            }
            SchemaMigrator.migrate(settings);
            PostgresSettings pg = settings;
            Measurement plain = Measurement.of("plain JDBC batch", rowsToWrite.size(), 1, runs, () -> {
                truncate(pg);
                long start = System.nanoTime();
                plainUpserts(pg, rowsToWrite);
                return (System.nanoTime() - start) / 1e9;
            });
            BenchData.rowsForSink = rowsToWrite;
            Measurement flink = Measurement.of("Flink JDBC sink", rowsToWrite.size(), 1, runs, () -> {
                truncate(pg);
                StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
                env.setParallelism(1);
                dev.vigil.job.bench.RowSource.attach(env, rowsToWrite.size())
                        .sinkTo(dev.vigil.sinks.postgres.PostgresSinks.nodeScores(pg)).name("postgres node_scores");
                // The job's own run time: the local cluster's start is not the sink's.
                return env.execute("vigil bench postgres").getNetRuntime() / 1000.0;
            });
            add(String.format(Locale.ROOT, "(c) Postgres upserts into node_scores, 1 connection, batches of %,d: binary COPY vs JDBC batches", BATCH),
                    flink, plain);
        } finally {
            BenchData.rowsForSink = List.of();
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /**
     * The baseline of (c): the same rows upserted with plain JDBC, a prepared statement in batches of the same size
     * that pgjdbc rewrites into multi-row inserts, its arrays bound as JDBC arrays.
     */
    private static void plainUpserts(PostgresSettings pg, List<ScoredSample> rows) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.batchingUrl(), pg.user(), pg.password());
                PreparedStatement ps = c.prepareStatement("INSERT INTO node_scores (node, ts, features, z, max_abs_z, "
                        + "anomaly, top_features, top_z, attack) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (node, ts) DO UPDATE SET features = EXCLUDED.features, z = EXCLUDED.z, "
                        + "max_abs_z = EXCLUDED.max_abs_z, anomaly = EXCLUDED.anomaly, "
                        + "top_features = EXCLUDED.top_features, top_z = EXCLUDED.top_z, "
                        + "attack = COALESCE(EXCLUDED.attack, node_scores.attack)")) {
            Map<List<String>, Integer> lists = new HashMap<>();
            int n = 0;
            for (ScoredSample s : rows) {
                Integer list = lists.get(Arrays.asList(s.names()));
                if (list == null) {
                    list = dev.vigil.sinks.postgres.SampleTables.NodeScores.featureListId(c, s.names());
                    lists.put(List.of(s.names()), list);
                }
                ps.setString(1, s.node());
                ps.setObject(2, Statements.time(s.ts()));
                ps.setInt(3, list);
                ps.setArray(4, c.createArrayOf("float8", boxed(s.z())));
                if (Double.isNaN(s.maxAbsZ())) {
                    ps.setNull(5, java.sql.Types.DOUBLE);
                } else {
                    ps.setDouble(5, s.maxAbsZ());
                }
                ps.setBoolean(6, s.anomaly());
                ps.setArray(7, c.createArrayOf("text", s.topFeatures()));
                ps.setArray(8, c.createArrayOf("float8", boxed(s.topZ())));
                if (s.attack() == null) {
                    ps.setNull(9, java.sql.Types.SMALLINT);
                } else {
                    ps.setShort(9, s.attack().shortValue());
                }
                ps.addBatch();
                if (++n % pg.batchSize() == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static Double[] boxed(double[] values) {
        Double[] boxed = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = Double.isNaN(values[i]) ? null : values[i];
        }
        return boxed;
    }

    private static void truncate(PostgresSettings pg) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
                Statement s = c.createStatement()) {
            s.execute("TRUNCATE node_scores");
        }
    }

    private void add(String what, Measurement vigil, Measurement baseline) {
        rows.add(new String[] {what, String.format(Locale.ROOT, "%,.0f", vigil.median()),
                String.format(Locale.ROOT, "%,.0f", baseline.median()),
                String.format(Locale.ROOT, "%.2f", vigil.median() / baseline.median())});
        System.out.printf("  %s: %,.0f/s against %,.0f/s%n", what, vigil.median(), baseline.median());
    }

    private void print() throws IOException {
        String header = String.format("%nVigil bench: %,d records of %d nodes, %d runs each, medians; %d cores, Java %s%n",
                records, nodes, runs, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        StringBuilder table = new StringBuilder(header);
        if (!rows.isEmpty()) {
            table.append("\n| benchmark | Vigil records/s | baseline records/s | ratio |\n|---|---:|---:|---:|\n");
        }
        for (String[] r : rows) {
            table.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        if (!inference.isEmpty()) {
            table.append(String.format(Locale.ROOT, "%n(f) Inference, one window at a time as in the stream (%,d test "
                    + "windows of a simulated cluster, the sequence models with their node's earlier windows):%n%n",
                    inference.get(0).windows()));
            table.append("| model | microseconds per window | windows/s |\n|---|---:|---:|\n");
            for (var r : inference) {
                table.append(String.format(Locale.ROOT, "| %s | %,.1f | %,.0f |%n", r.model(), r.microsPerWindow(),
                        1e6 / r.microsPerWindow()));
            }
        }
        System.out.print(table);
        if (markdown != null) {
            Files.writeString(markdown, table.toString());
        }
    }

    private static void check(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalStateException("benchmark invalid: " + problem);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // a temporary directory (Flink may still be removing a checkpoint in it); the OS cleans it eventually
        }
    }
}
