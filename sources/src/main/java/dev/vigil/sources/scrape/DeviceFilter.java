package dev.vigil.sources.scrape;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * Which devices' counters are summed: a device counts when its name matches {@code include} and does not
 * match {@code exclude} (both whole-name regular expressions).
 */
public record DeviceFilter(String include, String exclude) implements Serializable {

    /** Disks: whole physical disks, not partitions, loop, RAM or device-mapper devices (their I/O is counted twice). */
    public static final DeviceFilter DISKS = new DeviceFilter(".+",
            "loop\\d*|z?ram\\d*|dm-\\d+|md\\d+|fd\\d+|sr\\d+|(h|s|v|xv)d[a-z]+\\d+|nvme\\d+n\\d+p\\d+|mmcblk\\d+p\\d+");

    /** Network interfaces: physical NICs, not loopback, bridges, tunnels or the pod veths of CNI plugins. */
    public static final DeviceFilter NICS = new DeviceFilter(".+",
            "lo|veth.*|cali.*|cilium.*|lxc.*|flannel.*|cni.*|docker.*|br-.*|virbr.*|kube-.*|tunl.*|vxlan.*|genev.*"
                    + "|ifb.*|weave.*|tap.*|tun.*|wg.*");

    public DeviceFilter {
        Pattern.compile(include); // fail on a bad pattern when configured, not on the first scrape
        Pattern.compile(exclude);
    }

    /** A matcher made once per use site (patterns are not serializable). */
    public Compiled compile() {
        return new Compiled(Pattern.compile(include), Pattern.compile(exclude));
    }

    /** The compiled form. */
    public record Compiled(Pattern include, Pattern exclude) {
        public boolean accepts(String device) {
            return device != null && include.matcher(device).matches() && !exclude.matcher(device).matches();
        }
    }
}
