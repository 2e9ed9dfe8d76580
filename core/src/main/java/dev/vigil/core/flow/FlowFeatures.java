package dev.vigil.core.flow;

import dev.vigil.core.window.WindowVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;

/**
 * The one definition of a window's flow features, used by the stream, training and evaluation alike: the
 * window's {@link FlowPane}s merged (counts added, sketches united) into counts by protocol, verdict,
 * direction and priority, the drop and SYN-without-ACK ratios, distinct destination IPs, ports and event
 * names (HyperLogLog estimates), destination IPs new to the node, bytes sent, and event counts in
 * {@value FlowPane#NAME_BUCKETS} buckets of the event name's hash. A window without flows has zero counts
 * and missing (NaN) ratios.
 *
 * <p>Fused windows are a metric window's vector followed by these features: a model reads features by name,
 * so one trained on metrics only, on flows only or on both classifies fused windows.
 */
public final class FlowFeatures {

    public static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>(List.of("flow_count", "flow_tcp", "flow_udp", "flow_icmp", "flow_dns",
                "flow_http", "flow_kafka", "flow_dropped", "flow_drop_ratio", "flow_ingress", "flow_egress",
                "flow_syn_only", "flow_syn_ratio", "flow_dst_ips", "flow_dst_ports", "flow_new_peers",
                "flow_new_peer_ratio", "flow_bytes", "event_count", "event_high", "event_warning", "event_low",
                "event_names"));
        for (int b = 0; b < FlowPane.NAME_BUCKETS; b++) {
            names.add("event_name_h" + b);
        }
        NAMES = List.copyOf(names);
    }

    private static final String[] NAME_ARRAY = NAMES.toArray(String[]::new);
    private static final Map<List<String>, String[]> FUSED = new ConcurrentHashMap<>();

    private FlowFeatures() {
    }

    /** The flow feature names as an array shared by every flows-only vector. */
    public static String[] names() {
        return NAME_ARRAY;
    }

    /** The flow features of a window made of {@code panes} (closed panes: their new peers are counted). */
    public static double[] extract(Collection<FlowPane> panes) {
        long[] c = new long[FlowPane.COUNTS];
        double bytes = 0;
        long newPeers = 0;
        long tracked = 0;
        Union ips = new Union(FlowPane.LG_K);
        Union ports = new Union(FlowPane.LG_K);
        Union names = new Union(FlowPane.LG_K);
        for (FlowPane p : panes) {
            for (int i = 0; i < c.length; i++) {
                c[i] += p.counts[i];
            }
            bytes += p.bytes;
            newPeers += Math.max(0, p.newPeers);
            tracked += p.peers.size();
            ips.update(p.dstIps);
            ports.update(p.dstPorts);
            names.update(p.names);
        }
        double[] v = new double[NAME_ARRAY.length];
        int k = 0;
        for (int i : new int[] {FlowPane.FLOWS, FlowPane.TCP, FlowPane.UDP, FlowPane.ICMP, FlowPane.DNS, FlowPane.HTTP,
                FlowPane.KAFKA, FlowPane.DROPPED}) {
            v[k++] = c[i];
        }
        v[k++] = ratio(c[FlowPane.DROPPED], c[FlowPane.WITH_VERDICT]);
        v[k++] = c[FlowPane.INGRESS];
        v[k++] = c[FlowPane.EGRESS];
        v[k++] = c[FlowPane.SYN_ONLY];
        v[k++] = ratio(c[FlowPane.SYN_ONLY], c[FlowPane.TCP_FLAGGED]);
        v[k++] = distinct(ips.getResult());
        v[k++] = distinct(ports.getResult());
        v[k++] = newPeers;
        v[k++] = ratio(newPeers, tracked);
        v[k++] = bytes;
        v[k++] = c[FlowPane.EVENTS];
        v[k++] = c[FlowPane.HIGH];
        v[k++] = c[FlowPane.WARNING];
        v[k++] = c[FlowPane.LOW];
        v[k++] = distinct(names.getResult());
        for (int b = 0; b < FlowPane.NAME_BUCKETS; b++) {
            v[k++] = c[FlowPane.BUCKETS + b];
        }
        return v;
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }

    private static double distinct(HllSketch sketch) {
        return sketch.isEmpty() ? 0 : Math.round(sketch.getEstimate());
    }

    /** The label of a window's flows: 1 when a labelled event is an attack, 0 when all are normal, null when none is labelled. */
    public static Integer label(Collection<FlowPane> panes) {
        int labelled = 0;
        int attacks = 0;
        for (FlowPane p : panes) {
            labelled += p.labelled;
            attacks += p.attacks;
        }
        return labelled == 0 ? null : attacks > 0 ? 1 : 0;
    }

    /**
     * The fused vector: {@code metrics} (a metric window's vector) followed by the flow features of
     * {@code panes}; labelled an attack when either part says so, normal when one is labelled and neither does.
     */
    public static WindowVector fuse(WindowVector metrics, Collection<FlowPane> panes) {
        String[] names = FUSED.computeIfAbsent(Arrays.asList(metrics.names()), k -> {
            String[] all = Arrays.copyOf(metrics.names(), metrics.names().length + NAME_ARRAY.length);
            System.arraycopy(NAME_ARRAY, 0, all, metrics.names().length, NAME_ARRAY.length);
            return all;
        });
        double[] flows = extract(panes);
        double[] values = Arrays.copyOf(metrics.values(), names.length);
        System.arraycopy(flows, 0, values, metrics.values().length, flows.length);
        return new WindowVector(metrics.node(), metrics.start(), metrics.end(), names, values,
                combine(metrics.attack(), label(panes)));
    }

    static Integer combine(Integer a, Integer b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a == 1 || b == 1 ? 1 : 0;
    }
}
