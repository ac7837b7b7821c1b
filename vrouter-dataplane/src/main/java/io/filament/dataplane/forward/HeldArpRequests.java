package io.filament.dataplane.forward;

/**
 * ARP requests a VM sent for an address its VRF did not route yet, kept for a few seconds so that they can be
 * answered the moment the route arrives instead of after the guest's own retry (Linux asks again after a second
 * and gives up after three tries; meanwhile its packets to that address wait).
 *
 * <p>This is what the first port of a network on a host meets: its VRF is new, and the routes of the network's
 * other ports reach it over the control node tens of milliseconds later — often after the VM has already asked for
 * one of them, for instance to answer a ping that arrived first. A reply to a request that is no longer pending is
 * harmless: Linux takes it to complete an incomplete neighbour entry and otherwise ignores it.
 *
 * <p>A fixed table of {@link #CAPACITY} slots, no allocation: a request for an interface and address already held
 * refreshes its slot, a new one takes a free or expired slot, else the oldest. Used under the forwarding lock only.
 */
final class HeldArpRequests {

    static final int CAPACITY = 256;
    /** As long as a Linux guest keeps asking: three tries a second apart. */
    static final long HOLD_MILLIS = 3_000;

    /** One answered (or expired) request handed back by {@link #release}. */
    interface Answer {
        void answer(int vif, int targetAddress, long requesterMac, int requesterAddress);
    }

    /** Tells whether the VRF of interface {@code vif} now routes {@code address} (false when the interface is gone). */
    interface Routes {
        boolean routed(int vif, int address);
    }

    private final int[] vif = new int[CAPACITY];
    private final int[] target = new int[CAPACITY];
    private final int[] requester = new int[CAPACITY];
    private final long[] requesterMac = new long[CAPACITY];
    private final long[] expires = new long[CAPACITY];
    private int held;

    /** Holds a request of interface {@code vifIndex} for {@code targetAddress}, until {@code now + HOLD_MILLIS}. */
    void hold(int vifIndex, int targetAddress, long mac, int address, long now) {
        int slot = -1;
        int oldest = 0;
        for (int i = 0; i < CAPACITY; i++) {
            if (expires[i] > now && vif[i] == vifIndex && target[i] == targetAddress) {
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
        target[slot] = targetAddress;
        requesterMac[slot] = mac;
        requester[slot] = address;
        expires[slot] = now + HOLD_MILLIS;
    }

    /** No request held (expired ones count until the next {@link #release}). */
    boolean isEmpty() {
        return held == 0;
    }

    /** Answers every held request whose address is now routed, and forgets those and the expired ones. */
    void release(long now, Routes routes, Answer answer) {
        int still = 0;
        for (int i = 0; i < CAPACITY; i++) {
            if (expires[i] == 0) {
                continue;
            }
            if (expires[i] <= now) {
                expires[i] = 0;
            } else if (routes.routed(vif[i], target[i])) {
                expires[i] = 0;
                answer.answer(vif[i], target[i], requesterMac[i], requester[i]);
            } else {
                still++;
            }
        }
        held = still;
    }
}
