package dev.vigil.sources.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeExporterMappingTest {

    private final NodeExporterMapping mapping = new NodeExporterMapping(DeviceFilter.DISKS, DeviceFilter.NICS, "/");

    private Map<String, Double> features(String text) {
        double[] v = mapping.map(PrometheusTextParser.parse(text));
        Map<String, Double> byName = new LinkedHashMap<>();
        for (int i = 0; i < v.length; i++) {
            byName.put(NodeExporterMapping.FEATURES[i], v[i]);
        }
        return byName;
    }

    /**
     * A real scrape of Debian's node-exporter 1.5.0 (with --collector.tcpstat) on a 2-CPU VM, every one of
     * the 24 values worked out by hand from the lines quoted in the comments.
     */
    @Test
    void everyFeatureOfARecordedScrape() throws Exception {
        Map<String, Double> f = features(Files.readString(Path.of("../testdata/node-exporter-1.5.0.prom")));
        assertThat(f).hasSize(24);
        // node_cpu_seconds_total{cpu="0",mode="idle"} 9491.64 and {cpu="1",mode="idle"} 9730.47: the mean
        assertThat(f.get("cpu_sec_idle")).isCloseTo((9491.64 + 9730.47) / 2, within(1e-9));
        // node_filesystem_avail_bytes / node_filesystem_size_bytes of mountpoint="/" (device /dev/vda)
        assertThat(f.get("disk_av_per")).isCloseTo(100 * 8.2902892544e10 / 2.70553174016e11, within(1e-9));
        // device="vda" counts, device="zram0" (0) is excluded by the default disk filter
        assertThat(f.get("disk_read")).isEqualTo(2.310784e9);
        assertThat(f.get("disk_write")).isEqualTo(3.6201598976e10);
        // device="eth0"; the ifb0 and ifb1 intermediate devices are excluded
        assertThat(f.get("net_receive")).isEqualTo(1.45694093e9);
        assertThat(f.get("receive_drop")).isEqualTo(0.0);
        assertThat(f.get("receive_errs")).isEqualTo(0.0);
        assertThat(f.get("transmit_packets")).isEqualTo(37621.0);
        assertThat(f.get("mem_pressure")).isEqualTo(3837.0); // node_vmstat_pgmajfault
        assertThat(f.get("mem_av_per")).isCloseTo(100 * 2.3308378112e10 / 2.5325268992e10, within(1e-9));
        assertThat(f.get("forks_total")).isEqualTo(129790.0);
        assertThat(f.get("intr")).isEqualTo(8.82532e6);
        assertThat(f.get("load1")).isEqualTo(2.23);
        assertThat(f.get("load5")).isEqualTo(2.05);
        assertThat(f.get("load15")).isEqualTo(1.64);
        assertThat(f.get("tcp_sock_alloc")).isEqualTo(22.0);
        assertThat(f.get("tcp_sock_inuse")).isEqualTo(4.0);
        assertThat(f.get("tcp_sock_mem")).isEqualTo(195.0);
        assertThat(f.get("udp_sock_inuse")).isEqualTo(0.0);
        assertThat(f.get("udp_sock_mem")).isEqualTo(0.0);
        assertThat(f.get("ipv4_sock_inuse")).isEqualTo(34.0); // node_sockstat_sockets_used
        assertThat(f.get("est_conn")).isEqualTo(16.0); // node_netstat_Tcp_CurrEstab
        assertThat(f.get("lis_conn")).isEqualTo(6.0); // node_tcp_connection_states{state="listen"}
        assertThat(f.get("open_fds")).isEqualTo(676.0); // node_filefd_allocated, not process_open_fds
    }

    @Test
    void missingSeriesAreMissingValuesNotZero() {
        Map<String, Double> f = features("node_load1 0.5\nprocess_open_fds 9\n");
        assertThat(f.get("load1")).isEqualTo(0.5);
        assertThat(f.entrySet()).filteredOn(e -> !e.getKey().equals("load1"))
                .allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).isNaN());
    }

    @Test
    void devicesAreSummedOverWhatTheFiltersAccept() {
        String text = """
                node_disk_read_bytes_total{device="sda"} 100
                node_disk_read_bytes_total{device="sda1"} 60
                node_disk_read_bytes_total{device="nvme0n1"} 10
                node_disk_read_bytes_total{device="nvme0n1p2"} 7
                node_disk_read_bytes_total{device="dm-0"} 50
                node_network_receive_bytes_total{device="lo"} 1000
                node_network_receive_bytes_total{device="eth0"} 5
                node_network_receive_bytes_total{device="ens5"} 6
                node_network_receive_bytes_total{device="cali12ab"} 70
                node_network_receive_bytes_total{device="veth9"} 80
                node_tcp_connection_states{state="established"} 3
                """;
        Map<String, Double> f = features(text);
        assertThat(f.get("disk_read")).isEqualTo(110.0);
        assertThat(f.get("net_receive")).isEqualTo(11.0);
        assertThat(f.get("est_conn")).as("the tcpstat count when netstat has none").isEqualTo(3.0);
        NodeExporterMapping sdAndPartitions = new NodeExporterMapping(new DeviceFilter("sd.*", ""), DeviceFilter.NICS, "/");
        assertThat(sdAndPartitions.map(PrometheusTextParser.parse(text))[2])
                .isEqualTo(160.0);
    }

    @Test
    void cpuIdleIsTheMeanOverCpusAndAnotherRootMountCanBeChosen() {
        String text = """
                node_cpu_seconds_total{cpu="0",mode="idle"} 10
                node_cpu_seconds_total{cpu="0",mode="user"} 99
                node_cpu_seconds_total{cpu="1",mode="idle"} 20
                node_cpu_seconds_total{cpu="2",mode="idle"} 30
                node_filesystem_avail_bytes{mountpoint="/"} 1
                node_filesystem_size_bytes{mountpoint="/"} 4
                node_filesystem_avail_bytes{mountpoint="/host/root"} 3
                node_filesystem_size_bytes{mountpoint="/host/root"} 4
                node_memory_MemTotal_bytes 0
                node_memory_MemAvailable_bytes 0
                node_load1 +Inf
                """;
        Map<String, Double> f = features(text);
        assertThat(f.get("cpu_sec_idle")).isEqualTo(20.0);
        assertThat(f.get("disk_av_per")).isEqualTo(25.0);
        assertThat(f.get("mem_av_per")).as("no total, no percentage").isNaN();
        assertThat(f.get("load1")).as("+Inf is no measurement").isNaN();
        NodeExporterMapping host = new NodeExporterMapping(DeviceFilter.DISKS, DeviceFilter.NICS, "/host/root");
        assertThat(host.map(PrometheusTextParser.parse(text))[1]).isEqualTo(75.0);
    }
}
