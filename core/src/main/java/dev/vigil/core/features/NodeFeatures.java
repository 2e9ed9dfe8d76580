package dev.vigil.core.features;

import java.util.List;
import java.util.Set;

/**
 * The 24 node-exporter features of seed 004 (Table 1) in their canonical order, and which of them are
 * cumulative counters that Vigil turns into per-second rates. Other feature sets flow through unchanged:
 * these are defaults, not a schema.
 */
public final class NodeFeatures {

    /** The seed's 24 features, in the order of its Table 1. */
    public static final List<String> SEED_FEATURES = List.of(
            "cpu_sec_idle", "disk_av_per", "disk_read", "disk_write", "net_receive", "mem_pressure",
            "mem_av_per", "forks_total", "intr", "load1", "load5", "load15", "receive_drop", "receive_errs",
            "transmit_packets", "tcp_sock_alloc", "tcp_sock_inuse", "tcp_sock_mem", "udp_sock_inuse",
            "udp_sock_mem", "ipv4_sock_inuse", "est_conn", "lis_conn", "open_fds");

    /** Features read from node-exporter counters (see the DESIGN table): scored as rates per second. */
    public static final Set<String> SEED_COUNTERS = Set.of(
            "cpu_sec_idle", "disk_read", "disk_write", "net_receive", "mem_pressure", "forks_total", "intr",
            "receive_drop", "receive_errs", "transmit_packets");

    private NodeFeatures() {
    }

    /** Canonical feature name for a column header: lower case, so the seed's "Load5" is "load5". */
    public static String canonicalName(String header) {
        return header.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
