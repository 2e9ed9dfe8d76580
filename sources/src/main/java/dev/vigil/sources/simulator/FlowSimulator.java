package dev.vigil.sources.simulator;

import dev.vigil.core.event.FlowEvent;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The flows and Falco alerts of the simulated cluster, on the nodes and episodes of a {@link ClusterSimulator}:
 * flows with Hubble's fields (verdict, direction, IPs, ports, TCP flags) plus bytes, alerts with Falco's rule
 * names and priorities, in Vigil's generic event form, labelled.
 *
 * <p>Calm traffic: each node's pods call a few cluster services (TCP, about a third of flows opening
 * connections), resolve names through cluster DNS, rarely hit a policy drop or a new peer, and Falco now and
 * then notices a pod contacting the API server. Attacks, labelled 1: a port scan (hundreds of SYN-only flows
 * a step to one host's successive ports, many dropped), lateral movement (new internal hosts on SSH, kubelet
 * and etcd ports, a shell, secrets read), exfiltration (a few flows carrying large volumes to one external
 * host), a SYN flood against the node (SYN-only ingress flows from spoofed sources), crypto-mining (a pool
 * connection on port 3333, busy, and Falco's miner rule). A fork bomb leaves no flows: only metrics show it.
 *
 * <p>Like the samples, the events of (node, step) are a function of (seed, node, step) alone.
 */
public final class FlowSimulator implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String[] APPS = {"frontend", "cart", "checkout", "catalog", "payments", "search", "reports",
            "auth"};
    private static final String[] NAMESPACES = {"shop", "shop", "shop", "shop", "payments", "shop", "batch", "auth"};
    private static final int[] SERVICE_PORTS = {8080, 5432, 6379, 443, 9092, 8443, 3306, 9200};
    private static final String DNS = "10.96.0.10";

    private final ClusterSimulator cluster;
    private final long seed;

    public FlowSimulator(ClusterSimulator cluster) {
        this.cluster = cluster;
        this.seed = cluster.settings().seed();
    }

    public ClusterSimulator cluster() {
        return cluster;
    }

    private SplittableRandom random(int node, long step, int stream) {
        long h = (seed + 0x5851F42D4C957F2DL) * 0x9E3779B97F4A7C15L;
        h = (h ^ node) * 0xBF58476D1CE4E5B9L;
        h = (h ^ step) * 0x94D049BB133111EBL;
        h = (h ^ stream) * 0x9E3779B97F4A7C15L;
        return new SplittableRandom(h);
    }

    private String pod(int node, int k) {
        int app = (node * 3 + k) % APPS.length;
        return APPS[app] + "-" + Integer.toHexString(0x5a000 + node * 16 + k);
    }

    private String namespace(int node, int k) {
        return NAMESPACES[(node * 3 + k) % APPS.length];
    }

    private static String podIp(int node, int k) {
        return "10.244." + node % 250 + "." + (10 + k);
    }

    /**
     * The flows and alerts of (node, step) number {@code index}, numbered as {@link ClusterSimulator#sample}
     * numbers samples: step {@code index / nodes} of node {@code index % nodes}.
     */
    public List<FlowEvent> events(long index) {
        int nodes = cluster.settings().nodes();
        return events((int) (index % nodes), index / nodes);
    }

    /** The flows and alerts of node {@code node} during step {@code step}, in time order. */
    public List<FlowEvent> events(int node, long step) {
        var settings = cluster.settings();
        long interval = settings.interval().toMillis();
        long t0 = settings.start().toEpochMilli() + step * interval;
        String nodeName = cluster.nodeName(node);
        SplittableRandom r = random(node, step, 0);
        List<FlowEvent> out = new ArrayList<>();
        int pods = 3 + node % 3;
        // Calm traffic: about 3 flows every 10 s.
        int calm = poisson(r, 3.0 * interval / 10_000.0);
        for (int i = 0; i < calm; i++) {
            int k = r.nextInt(pods);
            long ts = t0 + r.nextLong(interval);
            if (r.nextDouble() < 0.25) {
                out.add(flow(nodeName, ts, k, node, "dns", DNS, 53, null, "FORWARDED", "EGRESS", 120, 0, i));
                continue;
            }
            int service = (node + k * 3 + r.nextInt(3)) % SERVICE_PORTS.length; // each pod uses three services
            String ip = r.nextDouble() < 0.01 ? "10.96.7." + r.nextInt(250) : "10.96.1." + (10 + service);
            String verdict = r.nextDouble() < 0.01 ? "DROPPED" : "FORWARDED";
            String flags = r.nextDouble() < 0.33 ? "SYN" : "ACK";
            out.add(flow(nodeName, ts, k, node, "tcp", ip, SERVICE_PORTS[service], flags, verdict, "EGRESS",
                    (long) Math.exp(r.nextDouble(6, 11)), 0, i));
        }
        if (r.nextDouble() < interval / 3_600_000.0) { // about once an hour
            out.add(alert(nodeName, t0 + r.nextLong(interval), node, r.nextInt(pods), "Contact K8S API Server From Container",
                    "Notice", 0, out.size()));
        }
        for (Episode e : cluster.episodes()) {
            if (e.node().equals(nodeName) && t0 < e.end() && t0 + interval > e.start()) {
                attack(e, node, nodeName, step, Math.max(t0, e.start()), Math.min(t0 + interval, e.end()), out);
            }
        }
        out.sort(java.util.Comparator.comparingLong(FlowEvent::ts));
        return out;
    }

    private void attack(Episode e, int node, String nodeName, long step, long from, long to, List<FlowEvent> out) {
        SplittableRandom r = random(node, step, 1 + e.kind().ordinal());
        long span = Math.max(1, to - from);
        long sinceStart = from - e.start();
        int k = (int) Math.floorMod(e.start() / 1000, 3); // the compromised pod
        int n = out.size();
        switch (e.kind()) {
            case PORT_SCAN -> {
                String target = "10.244." + (node + 1 + (int) (e.start() / 1000 % 7)) % 250 + ".20";
                int flows = 250 + r.nextInt(100);
                for (int i = 0; i < flows; i++) {
                    int port = (int) (1 + (sinceStart / 10 + i * 7L) % 65_000);
                    out.add(flow(nodeName, from + r.nextLong(span), k, node, "tcp", target, port, "SYN",
                            r.nextDouble() < 0.4 ? "DROPPED" : "FORWARDED", "EGRESS", 60, 1, n + i));
                }
            }
            case LATERAL_MOVEMENT -> {
                int[] ports = {22, 10250, 2379, 6443};
                for (int i = 0; i < 6; i++) {
                    String host = "10.244." + r.nextInt(250) + "." + (2 + r.nextInt(250));
                    out.add(flow(nodeName, from + r.nextLong(span), k, node, "tcp", host, ports[r.nextInt(ports.length)],
                            r.nextBoolean() ? "SYN" : "ACK", "FORWARDED", "EGRESS", (long) Math.exp(r.nextDouble(7, 10)), 1,
                            n + i));
                }
                if (sinceStart < 10_000 || r.nextDouble() < 0.15) {
                    out.add(alert(nodeName, from + r.nextLong(span), node, k, "Terminal shell in container", "Notice", 1,
                            n + 6));
                }
                if (r.nextDouble() < 0.2) {
                    out.add(alert(nodeName, from + r.nextLong(span), node, k, "Read sensitive file untrusted", "Warning",
                            1, n + 7));
                }
                if (r.nextDouble() < 0.1) {
                    out.add(alert(nodeName, from + r.nextLong(span), node, k, "Launch Remote File Copy Tools in Container",
                            "Notice", 1, n + 8));
                }
            }
            case EXFILTRATION -> {
                String sink = "203.0.113." + (10 + (int) (e.start() / 1000 % 200));
                for (int i = 0; i < 4; i++) {
                    out.add(flow(nodeName, from + r.nextLong(span), k, node, "tcp", sink, 443, "ACK", "FORWARDED",
                            "EGRESS", (long) (1.2e8 * r.nextDouble(0.8, 1.2)), 1, n + i));
                }
            }
            case SYN_FLOOD -> {
                int flows = 400 + r.nextInt(200);
                for (int i = 0; i < flows; i++) {
                    Map<String, String> args = flowArgs("198.18." + r.nextInt(256) + "." + r.nextInt(256),
                            podIp(node, 0), 443, "SYN", r.nextDouble() < 0.6 ? "DROPPED" : "FORWARDED", "INGRESS", 60);
                    out.add(event(nodeName, from + r.nextLong(span), node, 0, "tcp", "flow", args, 1, n + i));
                }
            }
            case CRYPTOMINING -> {
                // A miner keeps its pool connection busy (Stratum shares): Hubble traces its packets steadily.
                for (int i = 0; i < 6; i++) {
                    out.add(flow(nodeName, from + r.nextLong(span), k, node, "tcp", "198.51.100.77", 3333, "ACK",
                            "FORWARDED", "EGRESS", 300 + r.nextInt(700), 1, n + i));
                }
                if (sinceStart < 10_000 || r.nextDouble() < 0.03) {
                    out.add(alert(nodeName, from + r.nextLong(span), node, k,
                            "Detect outbound connections to common miner pool ports", "Critical", 1, n + 6));
                }
            }
            case FORK_BOMB -> {
                // no network trace
            }
        }
    }

    private static Map<String, String> flowArgs(String src, String dst, int port, String flags, String verdict,
            String direction, long bytes) {
        Map<String, String> args = new HashMap<>();
        args.put("src_ip", src);
        args.put("dst_ip", dst);
        args.put("dst_port", Integer.toString(port));
        if (flags != null) {
            args.put("tcp_flags", flags);
        }
        args.put("verdict", verdict);
        args.put("direction", direction);
        args.put("bytes", Long.toString(bytes));
        if (verdict.equals("DROPPED")) {
            args.put("drop_reason", "POLICY_DENIED");
        }
        return args;
    }

    private FlowEvent flow(String nodeName, long ts, int k, int node, String name, String dst, int port, String flags,
            String verdict, String direction, long bytes, int attack, int index) {
        return event(nodeName, ts, node, k, name, "flow", flowArgs(podIp(node, k), dst, port, flags, verdict, direction,
                bytes), attack, index);
    }

    private FlowEvent alert(String nodeName, long ts, int node, int k, String rule, String priority, int attack, int index) {
        Map<String, String> args = new HashMap<>();
        args.put("priority", priority);
        args.put("container.image.repository", "registry.example.com/" + APPS[(node * 3 + k) % APPS.length]);
        return event(nodeName, ts, node, k, rule, "syscall", args, attack, index);
    }

    private FlowEvent event(String nodeName, long ts, int node, int k, String name, String category,
            Map<String, String> args, int attack, int index) {
        return new FlowEvent("simulator", nodeName + "@" + ts + "#" + index, ts, nodeName, pod(node, k),
                namespace(node, k), name, category, args, attack);
    }

    private static int poisson(SplittableRandom r, double mean) {
        double l = Math.exp(-mean);
        double p = 1;
        int k = -1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k;
    }
}
