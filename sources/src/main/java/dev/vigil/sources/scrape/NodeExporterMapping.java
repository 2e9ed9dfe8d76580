package dev.vigil.sources.scrape;

import dev.vigil.core.features.NodeFeatures;
import dev.vigil.sources.scrape.Exposition.Series;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Turns one node-exporter exposition into the seed's 24 features, as the table in DESIGN.md says: counters
 * stay cumulative (scoring turns them into rates and handles resets), device counters are summed over the
 * devices the filters accept, ratios are computed from their two series, {@code open_fds} is
 * {@code node_filefd_allocated} (the node's, not the exporter's own descriptors), and a series the
 * exposition lacks is a missing value (NaN), never 0.
 */
public final class NodeExporterMapping {

    /** The feature names in the order of {@link #map}'s values: the seed's list. */
    public static final String[] FEATURES = NodeFeatures.SEED_FEATURES.toArray(String[]::new);

    private static final int CPU_IDLE = index("cpu_sec_idle");
    private static final int DISK_AV = index("disk_av_per");
    private static final int DISK_READ = index("disk_read");
    private static final int DISK_WRITE = index("disk_write");
    private static final int NET_RECEIVE = index("net_receive");
    private static final int MEM_PRESSURE = index("mem_pressure");
    private static final int MEM_AV = index("mem_av_per");
    private static final int FORKS = index("forks_total");
    private static final int INTR = index("intr");
    private static final int LOAD1 = index("load1");
    private static final int LOAD5 = index("load5");
    private static final int LOAD15 = index("load15");
    private static final int RECEIVE_DROP = index("receive_drop");
    private static final int RECEIVE_ERRS = index("receive_errs");
    private static final int TRANSMIT_PACKETS = index("transmit_packets");
    private static final int TCP_ALLOC = index("tcp_sock_alloc");
    private static final int TCP_INUSE = index("tcp_sock_inuse");
    private static final int TCP_MEM = index("tcp_sock_mem");
    private static final int UDP_INUSE = index("udp_sock_inuse");
    private static final int UDP_MEM = index("udp_sock_mem");
    private static final int IPV4_INUSE = index("ipv4_sock_inuse");
    private static final int EST_CONN = index("est_conn");
    private static final int LIS_CONN = index("lis_conn");
    private static final int OPEN_FDS = index("open_fds");

    private final DeviceFilter.Compiled disks;
    private final DeviceFilter.Compiled nics;
    private final String rootMountpoint;

    public NodeExporterMapping(DeviceFilter disks, DeviceFilter nics, String rootMountpoint) {
        this.disks = disks.compile();
        this.nics = nics.compile();
        this.rootMountpoint = rootMountpoint;
    }

    /** The 24 feature values of {@code exposition}, NaN where a series is missing. */
    public double[] map(Exposition exposition) {
        double[] v = new double[FEATURES.length];
        Arrays.fill(v, Double.NaN);
        double idleSum = 0;
        Set<String> cpus = new HashSet<>();
        double fsAvail = Double.NaN;
        double fsSize = Double.NaN;
        double memAvailable = Double.NaN;
        double memTotal = Double.NaN;
        double establishedByState = Double.NaN;
        for (Series s : exposition.samples()) {
            double x = s.value();
            switch (s.name()) {
                case "node_cpu_seconds_total" -> {
                    if ("idle".equals(s.label("mode")) && cpus.add(String.valueOf(s.label("cpu")))) {
                        idleSum += x;
                    }
                }
                case "node_filesystem_avail_bytes" -> fsAvail = rootOr(s, fsAvail);
                case "node_filesystem_size_bytes" -> fsSize = rootOr(s, fsSize);
                case "node_disk_read_bytes_total" -> sumIf(v, DISK_READ, disks, s);
                case "node_disk_written_bytes_total" -> sumIf(v, DISK_WRITE, disks, s);
                case "node_network_receive_bytes_total" -> sumIf(v, NET_RECEIVE, nics, s);
                case "node_network_receive_drop_total" -> sumIf(v, RECEIVE_DROP, nics, s);
                case "node_network_receive_errs_total" -> sumIf(v, RECEIVE_ERRS, nics, s);
                case "node_network_transmit_packets_total" -> sumIf(v, TRANSMIT_PACKETS, nics, s);
                case "node_vmstat_pgmajfault" -> v[MEM_PRESSURE] = x;
                case "node_memory_MemAvailable_bytes" -> memAvailable = x;
                case "node_memory_MemTotal_bytes" -> memTotal = x;
                case "node_forks_total" -> v[FORKS] = x;
                case "node_intr_total" -> v[INTR] = x;
                case "node_load1" -> v[LOAD1] = x;
                case "node_load5" -> v[LOAD5] = x;
                case "node_load15" -> v[LOAD15] = x;
                case "node_sockstat_TCP_alloc" -> v[TCP_ALLOC] = x;
                case "node_sockstat_TCP_inuse" -> v[TCP_INUSE] = x;
                case "node_sockstat_TCP_mem" -> v[TCP_MEM] = x;
                case "node_sockstat_UDP_inuse" -> v[UDP_INUSE] = x;
                case "node_sockstat_UDP_mem" -> v[UDP_MEM] = x;
                case "node_sockstat_sockets_used" -> v[IPV4_INUSE] = x;
                case "node_netstat_Tcp_CurrEstab" -> v[EST_CONN] = x;
                case "node_tcp_connection_states" -> {
                    String state = s.label("state");
                    if ("listen".equals(state)) {
                        v[LIS_CONN] = x;
                    } else if ("established".equals(state)) {
                        establishedByState = x;
                    }
                }
                case "node_filefd_allocated" -> v[OPEN_FDS] = x;
                default -> {
                    // not one of the 24
                }
            }
        }
        if (!cpus.isEmpty()) {
            v[CPU_IDLE] = idleSum / cpus.size();
        }
        v[DISK_AV] = percent(fsAvail, fsSize);
        v[MEM_AV] = percent(memAvailable, memTotal);
        if (Double.isNaN(v[EST_CONN])) {
            v[EST_CONN] = establishedByState;
        }
        for (int i = 0; i < v.length; i++) {
            if (Double.isInfinite(v[i])) {
                v[i] = Double.NaN; // an exporter's +Inf is no measurement either
            }
        }
        return v;
    }

    private double rootOr(Series s, double current) {
        return rootMountpoint.equals(s.label("mountpoint")) ? s.value() : current;
    }

    private static void sumIf(double[] v, int i, DeviceFilter.Compiled filter, Series s) {
        if (filter.accepts(s.label("device"))) {
            v[i] = Double.isNaN(v[i]) ? s.value() : v[i] + s.value();
        }
    }

    private static double percent(double part, double whole) {
        return whole > 0 ? 100.0 * part / whole : Double.NaN;
    }

    private static int index(String feature) {
        int i = NodeFeatures.SEED_FEATURES.indexOf(feature);
        if (i < 0) {
            throw new IllegalStateException("not a seed feature: " + feature);
        }
        return i;
    }
}
