package dev.vigil.core.flow;

import dev.vigil.core.event.FlowEvent;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.datasketches.hll.HllSketch;

/**
 * One slide of a node's flows and events, pre-aggregated like a metric pane: counts that add up, three
 * HyperLogLog sketches (distinct destination IPs, destination ports and event names) that merge, the bytes
 * sent, and up to {@link #TRACKED_PEERS} distinct destination IPs kept exactly, so that when the pane closes
 * the ones the node has not talked to before can be counted against its {@link PeerHistory}. Sketches keep a
 * pane's memory bounded however many peers a scan touches.
 */
public final class FlowPane {

    /** log2 of the sketches' size: 1,024 buckets, about 3 % relative error; exact while counts are small. */
    static final int LG_K = 10;
    /** Distinct destination IPs per pane checked for novelty; further ones only reach the sketch. */
    public static final int TRACKED_PEERS = 1024;
    /** Event names are also counted in this many buckets of their hash. */
    public static final int NAME_BUCKETS = 8;

    // Positions in counts.
    static final int FLOWS = 0, TCP = 1, UDP = 2, ICMP = 3, DNS = 4, HTTP = 5, KAFKA = 6, DROPPED = 7,
            WITH_VERDICT = 8, INGRESS = 9, EGRESS = 10, SYN_ONLY = 11, TCP_FLAGGED = 12, EVENTS = 13, HIGH = 14,
            WARNING = 15, LOW = 16, BUCKETS = 17;
    static final int COUNTS = BUCKETS + NAME_BUCKETS;

    final long[] counts;
    double bytes;
    final HllSketch dstIps;
    final HllSketch dstPorts;
    final HllSketch names;
    final LinkedHashSet<String> peers;
    /** Tracked peers new to the node, counted when the pane closed; -1 while it is open. */
    int newPeers;
    int attacks;
    int labelled;

    public FlowPane() {
        this(new long[COUNTS], 0, new HllSketch(LG_K), new HllSketch(LG_K), new HllSketch(LG_K), new LinkedHashSet<>(),
                -1, 0, 0);
    }

    private FlowPane(long[] counts, double bytes, HllSketch dstIps, HllSketch dstPorts, HllSketch names,
            LinkedHashSet<String> peers, int newPeers, int attacks, int labelled) {
        this.counts = counts;
        this.bytes = bytes;
        this.dstIps = dstIps;
        this.dstPorts = dstPorts;
        this.names = names;
        this.peers = peers;
        this.newPeers = newPeers;
        this.attacks = attacks;
        this.labelled = labelled;
    }

    /**
     * Adds one event. A flow ({@code category} "flow", as Hubble's and the simulator's) counts by protocol,
     * verdict, direction and TCP flags; any other event (a Falco alert, a generic event) counts by priority
     * and name. Either adds its {@code dst_ip}, {@code dst_port} and {@code bytes} arguments when it has them.
     */
    public void add(FlowEvent e) {
        if (closed()) {
            throw new IllegalStateException("pane already closed");
        }
        var args = e.args();
        if ("flow".equals(e.category())) {
            counts[FLOWS]++;
            switch (e.name().toLowerCase(Locale.ROOT)) {
                case "tcp" -> counts[TCP]++;
                case "udp" -> counts[UDP]++;
                case "icmpv4", "icmpv6", "icmp" -> counts[ICMP]++;
                case "dns" -> counts[DNS]++;
                case "http" -> counts[HTTP]++;
                case "kafka" -> counts[KAFKA]++;
                default -> { }
            }
            String verdict = args.get("verdict");
            if (verdict != null) {
                counts[WITH_VERDICT]++;
                if (verdict.equalsIgnoreCase("DROPPED") || verdict.equalsIgnoreCase("ERROR")) {
                    counts[DROPPED]++;
                }
            }
            String direction = args.get("direction");
            if ("INGRESS".equalsIgnoreCase(direction)) {
                counts[INGRESS]++;
            } else if ("EGRESS".equalsIgnoreCase(direction)) {
                counts[EGRESS]++;
            }
            String flags = args.get("tcp_flags");
            if (flags != null && !flags.isEmpty()) {
                counts[TCP_FLAGGED]++;
                Set<String> set = Set.of(flags.toUpperCase(Locale.ROOT).split(","));
                if (set.contains("SYN") && !set.contains("ACK")) {
                    counts[SYN_ONLY]++;
                }
            }
        } else {
            counts[EVENTS]++;
            counts[priority(args.get("priority"))]++;
            counts[BUCKETS + Math.floorMod(e.name().hashCode(), NAME_BUCKETS)]++;
            names.update(e.name());
        }
        String ip = args.get("dst_ip");
        if (ip != null) {
            dstIps.update(ip);
            if (peers.size() < TRACKED_PEERS) {
                peers.add(ip);
            }
        }
        String port = args.get("dst_port");
        if (port != null) {
            dstPorts.update(port);
        }
        String b = args.get("bytes");
        if (b != null) {
            try {
                double v = Double.parseDouble(b);
                if (v > 0 && Double.isFinite(v)) {
                    bytes += v;
                }
            } catch (NumberFormatException ignored) {
                // a non-numeric bytes argument is kept in the event, not counted
            }
        }
        if (e.attack() != null) {
            labelled++;
            attacks += e.attack();
        }
    }

    private static int priority(String p) {
        if (p == null) {
            return LOW;
        }
        return switch (p.toLowerCase(Locale.ROOT)) {
            case "emergency", "alert", "critical", "error" -> HIGH;
            case "warning" -> WARNING;
            default -> LOW;
        };
    }

    /** Whether the pane was closed: its new peers are counted and it takes no more events. */
    public boolean closed() {
        return newPeers >= 0;
    }

    /** Closes the pane, counting its tracked peers that {@code history} has not seen (and remembering them). */
    public void close(PeerHistory history, long paneStart) {
        if (!closed()) {
            newPeers = history.remember(peers, paneStart);
        }
    }

    /** Events added. */
    public long events() {
        return counts[FLOWS] + counts[EVENTS];
    }

    public FlowPane copy() {
        return new FlowPane(counts.clone(), bytes, dstIps.copy(), dstPorts.copy(), names.copy(),
                new LinkedHashSet<>(peers), newPeers, attacks, labelled);
    }

    /** Writes every field, for keyed state and checkpoints; {@link #readFrom} reads it back. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(COUNTS);
        for (long c : counts) {
            out.writeLong(c);
        }
        out.writeDouble(bytes);
        for (HllSketch s : new HllSketch[] {dstIps, dstPorts, names}) {
            byte[] b = s.toCompactByteArray();
            out.writeInt(b.length);
            out.write(b);
        }
        out.writeInt(peers.size());
        for (String p : peers) {
            out.writeUTF(p);
        }
        out.writeInt(newPeers);
        out.writeInt(attacks);
        out.writeInt(labelled);
    }

    public static FlowPane readFrom(DataInput in) throws IOException {
        int n = in.readUnsignedByte();
        if (n != COUNTS) {
            throw new IOException("flow pane of " + n + " counts, expected " + COUNTS);
        }
        long[] counts = new long[n];
        for (int i = 0; i < n; i++) {
            counts[i] = in.readLong();
        }
        double bytes = in.readDouble();
        HllSketch[] sketches = new HllSketch[3];
        for (int i = 0; i < 3; i++) {
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            sketches[i] = HllSketch.heapify(b);
        }
        int tracked = in.readInt();
        if (tracked < 0 || tracked > TRACKED_PEERS) {
            throw new IOException("corrupt flow pane: " + tracked + " tracked peers");
        }
        LinkedHashSet<String> peers = new LinkedHashSet<>();
        for (int i = 0; i < tracked; i++) {
            peers.add(in.readUTF());
        }
        return new FlowPane(counts, bytes, sketches[0], sketches[1], sketches[2], peers, in.readInt(), in.readInt(),
                in.readInt());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowPane p && Arrays.equals(counts, p.counts) && bytes == p.bytes
                && Arrays.equals(dstIps.toCompactByteArray(), p.dstIps.toCompactByteArray())
                && Arrays.equals(dstPorts.toCompactByteArray(), p.dstPorts.toCompactByteArray())
                && Arrays.equals(names.toCompactByteArray(), p.names.toCompactByteArray())
                && peers.equals(p.peers) && newPeers == p.newPeers && attacks == p.attacks && labelled == p.labelled;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts) * 31 + peers.hashCode();
    }
}
