package dev.vigil.sources.simulator;

import dev.vigil.core.event.MetricSample;
import dev.vigil.core.features.NodeFeatures;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A simulated Kubernetes cluster that emits the 24 node-exporter features as a real exporter would:
 * counters as cumulative values (with one node restart that resets them), gauges as read, the tcpstat
 * collector off on every fourth node (lis_conn missing), a daily shape shared by the cluster, correlated
 * features driven by one utilisation level per node, and labelled attack episodes.
 *
 * <p>Every sample is a closed-form function of (seed, node, step): counters are integrals of their rate
 * plus noise, so sample {@code i} can be generated without the ones before it. That keeps the simulator
 * deterministic for a seed, also when a Flink job restarts from a checkpoint in the middle.
 */
public final class ClusterSimulator implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String[] NAMES = NodeFeatures.SEED_FEATURES.toArray(String[]::new);
    private static final double OMEGA = 2 * Math.PI / 86_400.0;
    private static final AttackKind[] KINDS = AttackKind.values();

    // Feature positions in NodeFeatures.SEED_FEATURES.
    private static final int IDLE = 0, DISK_AV = 1, DISK_READ = 2, DISK_WRITE = 3, NET_RX = 4, MEM_PRESSURE = 5,
            MEM_AV = 6, FORKS = 7, INTR = 8, LOAD1 = 9, LOAD5 = 10, LOAD15 = 11, RX_DROP = 12, RX_ERRS = 13,
            TX_PACKETS = 14, TCP_ALLOC = 15, TCP_INUSE = 16, TCP_MEM = 17, UDP_INUSE = 18, UDP_MEM = 19,
            IPV4_INUSE = 20, EST_CONN = 21, LIS_CONN = 22, OPEN_FDS = 23;
    private static final int[] COUNTERS = {IDLE, DISK_READ, DISK_WRITE, NET_RX, MEM_PRESSURE, FORKS, INTR, RX_DROP,
            RX_ERRS, TX_PACKETS};
    /** Relative noise of counter rates: small enough that noise never makes a counter decrease. */
    private static final double COUNTER_NOISE = 0.08;

    private final SimulatorSettings settings;
    private final Node[] nodes;
    private final List<Episode> episodes;
    private final double phase0;
    private final long restartNode;
    private final long restartAt;

    /** Per-node constants drawn from the seed. */
    private record Node(String name, int cpus, double busy, double net, double[] base, int listeners,
            List<Episode> episodes) implements Serializable {
    }

    public ClusterSimulator(SimulatorSettings settings) {
        this.settings = settings;
        SplittableRandom random = new SplittableRandom(settings.seed());
        long startSecondOfDay = Math.floorMod(settings.start().getEpochSecond(), 86_400L);
        this.phase0 = OMEGA * (startSecondOfDay - 9 * 3600);
        this.episodes = schedule(random.split());
        this.nodes = new Node[settings.nodes()];
        for (int i = 0; i < nodes.length; i++) {
            String name = nodeName(i);
            double[] base = new double[NAMES.length];
            for (int c : COUNTERS) {
                base[c] = random.nextDouble(1e5, 1e7);
            }
            List<Episode> own = episodes.stream().filter(e -> e.node().equals(name)).toList();
            nodes[i] = new Node(name, 4 << random.nextInt(3), random.nextDouble(0.15, 0.45),
                    random.nextDouble(5e5, 5e6), base, i % 4 == 3 ? -1 : 12 + random.nextInt(18), own);
        }
        this.restartNode = random.nextInt(nodes.length);
        this.restartAt = settings.start().toEpochMilli() + settings.span().toMillis() / 10;
    }

    public SimulatorSettings settings() {
        return settings;
    }

    /** The injected attack episodes, in time order. */
    public List<Episode> episodes() {
        return episodes;
    }

    /** The name of node {@code i}: node-00, node-01, ... */
    public String nodeName(int i) {
        int width = Math.max(2, Integer.toString(settings.nodes() - 1).length());
        return "node-" + String.format("%0" + width + "d", i);
    }

    /** Whether {@code ts} falls inside an attack episode on {@code node}. */
    public boolean isAttack(String node, long ts) {
        for (Episode e : episodes) {
            if (e.covers(node, ts)) {
                return true;
            }
        }
        return false;
    }

    /** Sample number {@code index}: step {@code index / nodes} of node {@code index % nodes}. */
    public MetricSample sample(long index) {
        int n = (int) (index % nodes.length);
        long step = index / nodes.length;
        Node node = nodes[n];
        long ts = settings.start().toEpochMilli() + step * settings.interval().toMillis();
        double tau = (ts - settings.start().toEpochMilli()) / 1000.0;
        double day = Math.sin(OMEGA * tau + phase0);
        double b = node.busy;
        double cpus = node.cpus;
        double[] v = new double[NAMES.length];

        double[] rate = new double[NAMES.length];
        double[] amp = new double[NAMES.length];
        rate[IDLE] = 1 - b;
        amp[IDLE] = -0.06 * b;
        rate[DISK_READ] = 3e5 * (1 + b);
        rate[DISK_WRITE] = 1.2e6 * (1 + b);
        rate[NET_RX] = node.net;
        rate[MEM_PRESSURE] = 3;
        rate[FORKS] = 4 * cpus / 8 * (1 + b);
        rate[INTR] = 1500 * cpus * (0.5 + b);
        rate[RX_DROP] = 0.5;
        rate[RX_ERRS] = 0;
        rate[TX_PACKETS] = node.net / 900;
        for (int c : COUNTERS) {
            if (c != IDLE) {
                amp[c] = 0.04 * rate[c];
            }
        }
        long from = n == restartNode && ts >= restartAt ? restartAt : settings.start().toEpochMilli();
        double offset = from == restartAt ? 0 : 1;
        for (int c : COUNTERS) {
            double cumulative = cumulative(rate[c], amp[c], ts) - cumulative(rate[c], amp[c], from)
                    + attackCumulative(node, c, from, ts);
            double noise = COUNTER_NOISE * rate[c] * settings.interval().toSeconds() * gaussian(n, step, c);
            v[c] = Math.max(0, offset * node.base[c] + cumulative + noise);
        }

        double load = cpus * b * (1 + 0.02 * day);
        v[DISK_AV] = 80.5 - (n % 7) * 3 - 0.0005 * tau / 3600 + 0.01 * gaussian(n, step, DISK_AV);
        v[MEM_AV] = 78 - 25 * b - 1.5 * b * day + 0.4 * gaussian(n, step, MEM_AV) + gaugeShift(node, MEM_AV, ts);
        v[LOAD1] = Math.max(0, load * (1 + 0.12 * gaussian(n, step, LOAD1)) + loadShift(node, ts, 60));
        v[LOAD5] = Math.max(0, load * (1 + 0.08 * gaussian(n, step, LOAD5)) + loadShift(node, ts, 300));
        v[LOAD15] = Math.max(0, load * (1 + 0.06 * gaussian(n, step, LOAD15)) + loadShift(node, ts, 900));
        v[TCP_ALLOC] = count(180 + 120 * b + 5 * b * day, 6, n, step, TCP_ALLOC, node, ts);
        v[TCP_INUSE] = count(120 + 90 * b + 4 * b * day, 5, n, step, TCP_INUSE, node, ts);
        v[TCP_MEM] = count(60 + 40 * b, 6, n, step, TCP_MEM, node, ts);
        v[UDP_INUSE] = count(6 + n % 7, 0.8, n, step, UDP_INUSE, node, ts);
        v[UDP_MEM] = count(3, 1, n, step, UDP_MEM, node, ts);
        v[IPV4_INUSE] = count(350 + 200 * b + 8 * b * day, 8, n, step, IPV4_INUSE, node, ts);
        v[EST_CONN] = count(70 + 50 * b + 3 * b * day, 4, n, step, EST_CONN, node, ts);
        v[LIS_CONN] = node.listeners < 0 ? Double.NaN : node.listeners;
        v[OPEN_FDS] = count(3200 + 1800 * b + 30 * b * day, 25, n, step, OPEN_FDS, node, ts);

        int attack = node.episodes.isEmpty() ? 0 : (isAttack(node.name, ts) ? 1 : 0);
        return new MetricSample(node.name, ts, NAMES, v, attack, "simulator", null);
    }

    /** Integral of {@code rate + amp * day(t)} from the simulation start to {@code ts}, in rate units * s. */
    private double cumulative(double rate, double amp, long ts) {
        double tau = (ts - settings.start().toEpochMilli()) / 1000.0;
        return rate * tau + amp * (Math.cos(phase0) - Math.cos(OMEGA * tau + phase0)) / OMEGA;
    }

    /** The extra counts an attack adds to counter {@code c} between {@code from} and {@code ts}. */
    private static double attackCumulative(Node node, int c, long from, long ts) {
        double sum = 0;
        for (Episode e : node.episodes) {
            double extra = counterExtra(e.kind(), c, node);
            if (extra != 0) {
                long overlap = Math.min(ts, e.end()) - Math.max(from, e.start());
                if (overlap > 0) {
                    sum += extra * overlap / 1000.0;
                }
            }
        }
        return sum;
    }

    private static double counterExtra(AttackKind kind, int c, Node node) {
        return switch (kind) {
            case CRYPTOMINING -> c == IDLE ? -(1 - node.busy) * 0.92 : c == INTR ? 300 * node.cpus : 0;
            case FORK_BOMB -> c == FORKS ? 2500 : c == MEM_PRESSURE ? 40 : c == INTR ? 600 * node.cpus : 0;
            case SYN_FLOOD -> c == NET_RX ? 4e7 : c == RX_DROP ? 2500 : c == INTR ? 30_000
                    : c == TX_PACKETS ? 20_000 : 0;
            case EXFILTRATION -> c == DISK_READ ? 6e7 : c == TX_PACKETS ? 40_000 : 0;
            case PORT_SCAN -> c == TX_PACKETS ? 3_000 : c == NET_RX ? 2e5 : c == INTR ? 2_000 : 0;
            case LATERAL_MOVEMENT -> c == FORKS ? 25 : c == TX_PACKETS ? 300 : 0;
        };
    }

    private static double gaugeExtra(AttackKind kind, int g) {
        return switch (kind) {
            case CRYPTOMINING -> g == EST_CONN ? 3 : g == MEM_AV ? -2 : 0;
            case FORK_BOMB -> g == MEM_AV ? -30 : g == OPEN_FDS ? 5000 : g == IPV4_INUSE ? 60 : 0;
            case SYN_FLOOD -> g == TCP_ALLOC ? 2500 : g == TCP_MEM ? 350 : g == IPV4_INUSE ? 2500 : 0;
            case EXFILTRATION -> g == EST_CONN ? 35 : g == TCP_INUSE ? 30 : g == TCP_MEM ? 500 : g == TCP_ALLOC ? 40
                    : g == IPV4_INUSE ? 40 : g == OPEN_FDS ? 60 : 0;
            case PORT_SCAN -> g == TCP_ALLOC ? 300 : g == IPV4_INUSE ? 300 : g == TCP_MEM ? 30 : 0;
            case LATERAL_MOVEMENT -> g == EST_CONN ? 8 : g == TCP_INUSE ? 8 : g == OPEN_FDS ? 40 : 0;
        };
    }

    private static double gaugeShift(Node node, int g, long ts) {
        double sum = 0;
        for (Episode e : node.episodes) {
            if (ts >= e.start() && ts < e.end()) {
                sum += gaugeExtra(e.kind(), g);
            }
        }
        return sum;
    }

    /** Extra load from attacks, following the kernel's exponential averaging with time constant {@code tc} s. */
    private static double loadShift(Node node, long ts, double tc) {
        double sum = 0;
        for (Episode e : node.episodes) {
            double target = switch (e.kind()) {
                case CRYPTOMINING -> node.cpus * (0.97 - node.busy);
                case FORK_BOMB -> 60;
                case SYN_FLOOD -> 0.3 * node.cpus;
                case EXFILTRATION -> 0.5;
                case PORT_SCAN -> 0.2;
                case LATERAL_MOVEMENT -> 0.4;
            };
            if (ts >= e.start()) {
                double running = (Math.min(ts, e.end()) - e.start()) / 1000.0;
                double level = target * (1 - Math.exp(-running / tc));
                sum += ts < e.end() ? level : level * Math.exp(-(ts - e.end()) / 1000.0 / tc);
            }
        }
        return sum;
    }

    private double count(double mean, double sd, int n, long step, int g, Node node, long ts) {
        return Math.max(0, Math.round(mean + sd * gaussian(n, step, g) + gaugeShift(node, g, ts)));
    }

    /** A standard normal value fixed by (seed, node, step, feature). */
    private double gaussian(int node, long step, int feature) {
        long h = settings.seed() * 0x9E3779B97F4A7C15L;
        h = (h ^ node) * 0xBF58476D1CE4E5B9L;
        h = (h ^ step) * 0x94D049BB133111EBL;
        h = (h ^ feature) * 0x9E3779B97F4A7C15L;
        return new SplittableRandom(h).nextGaussian();
    }

    private List<Episode> schedule(SplittableRandom random) {
        int count = settings.episodes();
        if (count == 0) {
            return List.of();
        }
        long start = settings.start().toEpochMilli();
        long interval = settings.interval().toMillis();
        long calmEnd = start + settings.span().toMillis() / 5;
        long slot = (start + settings.span().toMillis() - calmEnd) / count;
        List<Episode> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            AttackKind kind = KINDS[k % KINDS.length];
            String node = nodeName(random.nextInt(settings.nodes()));
            long duration = Math.min(300_000 + random.nextLong(600_000), slot * 6 / 10);
            duration = Math.max(interval * 3, duration / interval * interval);
            long begin = calmEnd + k * slot + random.nextLong(Math.max(1, slot * 3 / 10));
            begin = begin / interval * interval;
            out.add(new Episode(node, kind, begin, begin + duration));
        }
        return Collections.unmodifiableList(out);
    }
}
