package dev.vigil.core.flow;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The destination IPs a node has talked to recently: each with the start of the last pane it was seen in,
 * forgotten after {@code horizon} unseen, and at most {@code capacity} of them (the least recently seen go
 * first). A peer is new to the node when it is not in the history.
 */
public final class PeerHistory {

    /** One day, 4,096 peers: the defaults. */
    public static final Duration DEFAULT_HORIZON = Duration.ofDays(1);
    public static final int DEFAULT_CAPACITY = 4096;

    private final long horizonMs;
    private final int capacity;
    /** Insertion order is last-seen order: a peer seen again is moved to the end. */
    private final LinkedHashMap<String, Long> lastSeen = new LinkedHashMap<>();

    public PeerHistory(Duration horizon, int capacity) {
        if (horizon.isNegative() || horizon.isZero() || capacity < 1) {
            throw new IllegalArgumentException("peer history needs a positive horizon and capacity");
        }
        this.horizonMs = horizon.toMillis();
        this.capacity = capacity;
    }

    public static PeerHistory defaults() {
        return new PeerHistory(DEFAULT_HORIZON, DEFAULT_CAPACITY);
    }

    /**
     * Remembers {@code peers} as seen at {@code at} (a pane's start, panes in time order) and returns how many
     * of them were not known: never seen, or last seen more than the horizon before.
     */
    public int remember(Collection<String> peers, long at) {
        forgetBefore(at - horizonMs);
        int fresh = 0;
        for (String p : peers) {
            if (lastSeen.remove(p) == null) {
                fresh++;
            }
            lastSeen.put(p, at);
        }
        Iterator<String> oldest = lastSeen.keySet().iterator();
        while (lastSeen.size() > capacity) {
            oldest.next();
            oldest.remove();
        }
        return fresh;
    }

    private void forgetBefore(long limit) {
        Iterator<Map.Entry<String, Long>> it = lastSeen.entrySet().iterator();
        while (it.hasNext() && it.next().getValue() < limit) {
            it.remove();
        }
    }

    /** An independent copy, in the same last-seen order. */
    public PeerHistory copy() {
        PeerHistory h = new PeerHistory(Duration.ofMillis(horizonMs), capacity);
        h.lastSeen.putAll(lastSeen);
        return h;
    }

    public int size() {
        return lastSeen.size();
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeLong(horizonMs);
        out.writeInt(capacity);
        out.writeInt(lastSeen.size());
        for (Map.Entry<String, Long> e : lastSeen.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
    }

    public static PeerHistory readFrom(DataInput in) throws IOException {
        PeerHistory h = new PeerHistory(Duration.ofMillis(in.readLong()), in.readInt());
        int n = in.readInt();
        if (n < 0 || n > h.capacity) {
            throw new IOException("corrupt peer history of " + n + " peers");
        }
        for (int i = 0; i < n; i++) {
            h.lastSeen.put(in.readUTF(), in.readLong());
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerHistory h && horizonMs == h.horizonMs && capacity == h.capacity
                && lastSeen.equals(h.lastSeen) && lastSeen.keySet().stream().toList().equals(h.lastSeen.keySet().stream().toList());
    }

    @Override
    public int hashCode() {
        return lastSeen.hashCode();
    }
}
