package io.filament.dataplane.forward;

import io.netty.buffer.ByteBuf;

/**
 * Neighbour requests (ARP requests and IPv6 neighbour solicitations) a VM sent for an address its VRF did not route
 * yet, kept for a few seconds so that they can be answered the moment the route arrives instead of after the
 * guest's own retry (Linux asks again after a second and gives up after three tries; meanwhile its packets to that
 * address wait).
 *
 * <p>This is what the first port of a network on a host meets: its VRF is new, and the routes of the network's
 * other ports reach it over the control node tens of milliseconds later — often after the VM has already asked for
 * one of them, for instance to answer a ping that arrived first. A reply to a request that is no longer pending is
 * harmless: Linux takes it to complete an incomplete neighbour entry and otherwise ignores it.
 *
 * <p>Each slot keeps a copy of the request frame, which is replayed through the responder when the tables change.
 * A fixed table of {@link #CAPACITY} slots, allocated once: a request of an interface for an address already held
 * refreshes its slot, a new one takes a free or expired slot, else the oldest. Used under the forwarding lock only.
 */
final class HeldNeighborRequests {

    static final int CAPACITY = 256;
    /** As long as a Linux guest keeps asking: three tries a second apart. */
    static final long HOLD_MILLIS = 3_000;
    /** Longer requests (a solicitation with unusual options) are not held. */
    static final int MAX_FRAME = 128;

    /** Replays a held request frame; returns whether it was answered (then the slot is freed). */
    interface Replay {
        boolean replay(int vif, byte[] frame, int length);
    }

    private final int[] vif = new int[CAPACITY];
    private final long[] targetHigh = new long[CAPACITY];
    private final long[] targetLow = new long[CAPACITY];
    private final long[] expires = new long[CAPACITY];
    private final int[] length = new int[CAPACITY];
    private final byte[][] frames = new byte[CAPACITY][MAX_FRAME];
    private int held;

    /**
     * Holds the request frame {@code buf[off, off + len)} of interface {@code vifIndex} asking for the address
     * {@code high:low} (an IPv4 address in {@code low}) until {@code now + HOLD_MILLIS}. Returns false when the frame
     * is too long to hold.
     */
    boolean hold(int vifIndex, long high, long low, ByteBuf buf, int off, int len, long now) {
        if (len > MAX_FRAME) {
            return false;
        }
        int slot = -1;
        int oldest = 0;
        for (int i = 0; i < CAPACITY; i++) {
            if (expires[i] > now && vif[i] == vifIndex && targetHigh[i] == high && targetLow[i] == low) {
                slot = i;
                break;
            }
            if (slot < 0 && expires[i] <= now) {
                slot = i;
            }
            if (expires[i] < expires[oldest]) {
                oldest = i;
            }
        }
        if (slot < 0) {
            slot = oldest;
        }
        if (expires[slot] == 0) {
            held++;
        }
        vif[slot] = vifIndex;
        targetHigh[slot] = high;
        targetLow[slot] = low;
        buf.getBytes(off, frames[slot], 0, len);
        length[slot] = len;
        expires[slot] = now + HOLD_MILLIS;
        return true;
    }

    /** No request held (expired ones count until the next {@link #release}). */
    boolean isEmpty() {
        return held == 0;
    }

    /** Replays every held request; forgets those answered and those expired. */
    void release(long now, Replay replay) {
        int still = 0;
        for (int i = 0; i < CAPACITY; i++) {
            if (expires[i] == 0) {
                continue;
            }
            if (expires[i] <= now || replay.replay(vif[i], frames[i], length[i])) {
                expires[i] = 0;
            } else {
                still++;
            }
        }
        held = still;
    }
}
