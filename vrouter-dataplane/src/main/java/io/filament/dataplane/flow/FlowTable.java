package io.filament.dataplane.flow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Flow entries keyed by (VRF, family, protocol, source, destination, ports), stored column-wise in preallocated
 * arrays so that lookups and updates never allocate. Every flow is a linked pair: the forward entry and the reverse
 * entry (the key of the return traffic) point at each other and are created and removed together. An
 * open-addressing index (linear probing, backward-shift deletion) maps keys to entry numbers; entry numbers are
 * stable for the life of a flow.
 *
 * <p>Not thread-safe: owned by the forwarding lock (see PIPELINE.md).
 */
public final class FlowTable {

    /** {@code exported} of a flow whose first record has not been emitted yet. */
    private static final long NOT_EXPORTED = Long.MIN_VALUE;

    /** TCP state bits kept per direction. */
    static final int TCP_FIN = 1;
    static final int TCP_RST = 2;

    private final int capacity;
    private final int[] index;
    private final int indexMask;
    private final int[] hash;
    private final int[] vrf;
    private final byte[] family;
    private final byte[] protocol;
    private final int[] ports;
    private final long[] srcHigh;
    private final long[] srcLow;
    private final long[] dstHigh;
    private final long[] dstLow;
    private final int[] reverse;
    private final byte[] action;
    private final byte[] tcp;
    private final long[] packets;
    private final long[] bytes;
    private final long[] start;
    private final long[] lastSeen;
    private final long[] exported;
    private final int[] ownerA;
    private final int[] ownerB;
    private final byte[] member;
    private final boolean[] used;
    private final boolean[] forward;
    private final int[] free;
    private int freeTop;
    private final int[] perInterface;

    public FlowTable(int capacity, int maxInterfaces) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity " + capacity + " must be a power of two");
        }
        this.capacity = capacity;
        this.index = new int[capacity * 2];
        this.indexMask = capacity * 2 - 1;
        this.hash = new int[capacity];
        this.vrf = new int[capacity];
        this.family = new byte[capacity];
        this.protocol = new byte[capacity];
        this.ports = new int[capacity];
        this.srcHigh = new long[capacity];
        this.srcLow = new long[capacity];
        this.dstHigh = new long[capacity];
        this.dstLow = new long[capacity];
        this.reverse = new int[capacity];
        this.action = new byte[capacity];
        this.tcp = new byte[capacity];
        this.packets = new long[capacity];
        this.bytes = new long[capacity];
        this.start = new long[capacity];
        this.lastSeen = new long[capacity];
        this.exported = new long[capacity];
        this.ownerA = new int[capacity];
        this.ownerB = new int[capacity];
        this.member = new byte[capacity];
        this.used = new boolean[capacity];
        this.forward = new boolean[capacity];
        this.free = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            free[i] = capacity - 1 - i;
        }
        this.freeTop = capacity;
        this.perInterface = new int[maxInterfaces];
    }

    public int capacity() {
        return capacity;
    }

    public int size() {
        return capacity - freeTop;
    }

    /** Flows (pairs) that count against an interface's limit. */
    public int flowsOf(int vif) {
        return vif >= 0 && vif < perInterface.length ? perInterface[vif] : 0;
    }

    public static int hash(int vrf, int family, int proto, long sHigh, long sLow, long dHigh, long dLow, int sport,
                           int dport) {
        long h = vrf * 0x9E3779B97F4A7C15L;
        h ^= (family << 8 | proto) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ sHigh) * 0x165667B19E3779F9L;
        h = (h ^ sLow) * 0x9E3779B97F4A7C15L;
        h = (h ^ dHigh) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ dLow) * 0x165667B19E3779F9L;
        h = (h ^ ((long) sport << 16 | dport)) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** The entry for a key, or -1. */
    public int find(int h, int vrfId, int fam, int proto, long sHigh, long sLow, long dHigh, long dLow, int sport,
                    int dport) {
        int key = sport << 16 | dport;
        for (int slot = h & indexMask; ; slot = (slot + 1) & indexMask) {
            int e = index[slot] - 1;
            if (e < 0) {
                return -1;
            }
            if (hash[e] == h && ports[e] == key && vrf[e] == vrfId && srcLow[e] == sLow && dstLow[e] == dLow
                    && srcHigh[e] == sHigh && dstHigh[e] == dHigh && protocol[e] == (byte) proto
                    && family[e] == (byte) fam) {
                return e;
            }
        }
    }

    /** True when two more entries fit. */
    public boolean hasRoomForPair() {
        return freeTop >= 2;
    }

    /**
     * Creates a forward entry and its reverse (source/destination and ports swapped, in {@code reverseVrf}),
     * charged to interfaces {@code ownerA} and {@code ownerB} (-1 for none). Returns the forward entry. The caller
     * checked {@link #hasRoomForPair()} and the interface limits, and that neither key exists.
     */
    public int createPair(int h, int vrfId, int reverseVrf, int fam, int proto, long sHigh, long sLow, long dHigh,
                          long dLow, int sport, int dport, FlowAction verdict, int a, int b, int ecmpMember,
                          long now) {
        int fwd = allocate(h, vrfId, fam, proto, sHigh, sLow, dHigh, dLow, sport, dport, verdict, now);
        int rh = hash(reverseVrf, fam, proto, dHigh, dLow, sHigh, sLow, dport, sport);
        int rev = allocate(rh, reverseVrf, fam, proto, dHigh, dLow, sHigh, sLow, dport, sport, verdict, now);
        reverse[fwd] = rev;
        reverse[rev] = fwd;
        forward[fwd] = true;
        forward[rev] = false;
        ownerA[fwd] = a;
        ownerB[fwd] = b;
        ownerA[rev] = -1;
        ownerB[rev] = -1;
        member[fwd] = (byte) ecmpMember;
        member[rev] = (byte) ecmpMember;
        charge(a, 1);
        if (b != a) {
            charge(b, 1);
        }
        return fwd;
    }

    private int allocate(int h, int vrfId, int fam, int proto, long sHigh, long sLow, long dHigh, long dLow,
                         int sport, int dport, FlowAction verdict, long now) {
        int e = free[--freeTop];
        used[e] = true;
        hash[e] = h;
        vrf[e] = vrfId;
        family[e] = (byte) fam;
        protocol[e] = (byte) proto;
        ports[e] = sport << 16 | dport;
        srcHigh[e] = sHigh;
        srcLow[e] = sLow;
        dstHigh[e] = dHigh;
        dstLow[e] = dLow;
        action[e] = (byte) verdict.ordinal();
        tcp[e] = 0;
        packets[e] = 0;
        bytes[e] = 0;
        start[e] = now;
        lastSeen[e] = now;
        exported[e] = NOT_EXPORTED;
        int slot = h & indexMask;
        while (index[slot] != 0) {
            slot = (slot + 1) & indexMask;
        }
        index[slot] = e + 1;
        return e;
    }

    public FlowAction action(int e) {
        return action[e] == 0 ? FlowAction.DROP : FlowAction.FORWARD;
    }

    public boolean forwards(int e) {
        return action[e] != 0;
    }

    public int ecmpMember(int e) {
        return member[e];
    }

    public int reverseOf(int e) {
        return reverse[e];
    }

    /** Counts a packet on an entry and tracks TCP FIN/RST. */
    public void hit(int e, int length, int tcpFlags, long now) {
        packets[e]++;
        bytes[e] += length;
        lastSeen[e] = now;
        if ((tcpFlags & 0x04) != 0) {
            tcp[e] |= TCP_RST;
        } else if ((tcpFlags & 0x01) != 0) {
            tcp[e] |= TCP_FIN;
        }
    }

    /**
     * Ages flows: visits every forward entry, removes the pairs whose timeout passed (emitting an ended record),
     * emits a first record of each flow set up since the last pass (as TF's agent exports a flow when it is set up,
     * so that analytics sees it within seconds) and a periodic record for long-lived ones.
     */
    public int expire(long now, FlowSettings settings, Consumer<FlowRecord> sink) {
        int removed = 0;
        for (int e = 0; e < capacity; e++) {
            if (!used[e] || !forward[e]) {
                continue;
            }
            int r = reverse[e];
            long last = Math.max(lastSeen[e], lastSeen[r]);
            long timeout = timeoutOf(e, r, settings);
            if (now - last >= timeout) {
                sink.accept(record(e, true));
                removePair(e);
                removed++;
            } else if (exported[e] == NOT_EXPORTED || now - exported[e] >= settings.exportInterval().toMillis()) {
                exported[e] = now;
                sink.accept(record(e, false));
            }
        }
        return removed;
    }

    private long timeoutOf(int e, int r, FlowSettings s) {
        if (action[e] == 0) {
            return s.droppedTimeout().toMillis();
        }
        int both = tcp[e] | tcp[r];
        if ((both & TCP_RST) != 0 || ((tcp[e] & TCP_FIN) != 0 && (tcp[r] & TCP_FIN) != 0)) {
            return s.closingTimeout().toMillis();
        }
        return s.idleTimeout().toMillis();
    }

    /** Removes a flow and its reverse; returns the record of the forward entry. */
    public FlowRecord removePair(int e) {
        int fwd = forward[e] ? e : reverse[e];
        FlowRecord rec = record(fwd, true);
        int rev = reverse[fwd];
        charge(ownerA[fwd], -1);
        if (ownerB[fwd] != ownerA[fwd]) {
            charge(ownerB[fwd], -1);
        }
        release(fwd);
        release(rev);
        return rec;
    }

    /** Removes every flow an interface owns (the interface went away). */
    public int removeOwnedBy(int vif) {
        int removed = 0;
        for (int e = 0; e < capacity; e++) {
            if (used[e] && forward[e] && (ownerA[e] == vif || ownerB[e] == vif)) {
                removePair(e);
                removed++;
            }
        }
        return removed;
    }

    private void release(int e) {
        int slot = hash[e] & indexMask;
        while (index[slot] != e + 1) {
            slot = (slot + 1) & indexMask;
        }
        int hole = slot;
        for (int j = (hole + 1) & indexMask; index[j] != 0; j = (j + 1) & indexMask) {
            int home = hash[index[j] - 1] & indexMask;
            if (((j - home) & indexMask) >= ((j - hole) & indexMask)) {
                index[hole] = index[j];
                hole = j;
            }
        }
        index[hole] = 0;
        used[e] = false;
        forward[e] = false;
        ownerA[e] = -1;
        ownerB[e] = -1;
        free[freeTop++] = e;
    }

    private void charge(int vif, int delta) {
        if (vif >= 0 && vif < perInterface.length) {
            perInterface[vif] += delta;
        }
    }

    private FlowRecord record(int e, boolean ended) {
        int r = reverse[e];
        return new FlowRecord(vrf[e], family[e], protocol[e] & 0xFF, srcHigh[e], srcLow[e], dstHigh[e], dstLow[e],
                ports[e] >>> 16, ports[e] & 0xFFFF, action(e), packets[e], bytes[e], packets[r], bytes[r], start[e],
                Math.max(lastSeen[e], lastSeen[r]), ended);
    }

    public List<FlowView> list() {
        List<FlowView> out = new ArrayList<>();
        for (int e = 0; e < capacity; e++) {
            if (used[e]) {
                out.add(new FlowView(e, reverse[e], forward[e], vrf[e], family[e], protocol[e] & 0xFF, srcHigh[e], srcLow[e],
                        dstHigh[e], dstLow[e], ports[e] >>> 16, ports[e] & 0xFFFF, action(e), packets[e], bytes[e],
                        tcp[e], start[e], lastSeen[e]));
            }
        }
        return out;
    }

    /** Drops every flow (policy changed wholesale). */
    public void clear() {
        for (int e = 0; e < capacity; e++) {
            if (used[e] && forward[e]) {
                removePair(e);
            }
        }
        Arrays.fill(perInterface, 0);
    }
}
