package io.filament.dataplane.table;

import java.util.Arrays;

/**
 * What a route, an MPLS label or an ECMP member resolves to (TF's {@code vr_nexthop}). Ids are chosen by the agent;
 * id 0 is reserved for the built-in discard next hop.
 */
public sealed interface NextHop {

    int id();

    /** Deliver to a local VM interface, rewriting the MACs (TF ENCAP next hop). */
    record Interface(int id, int vif) implements NextHop {
    }

    /**
     * Send to another host's fabric address inside MPLS-over-UDP with {@code labelOrVni} as the label, or VXLAN with
     * it as the VNI. {@code innerDestinationMac} is the inner Ethernet destination for VXLAN (the remote VM's or
     * device's MAC; the vRouter MAC when the far end is another vRouter).
     */
    record Tunnel(int id, Encapsulation encapsulation, int remote, int labelOrVni, long innerDestinationMac)
            implements NextHop {
    }

    /** Equal-cost set; a flow keeps the member its hash picked. */
    record Ecmp(int id, int[] members) implements NextHop {
        public Ecmp {
            members = members.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ecmp e && e.id == id && Arrays.equals(e.members, members);
        }

        @Override
        public int hashCode() {
            return 31 * id + Arrays.hashCode(members);
        }

        @Override
        public String toString() {
            return "Ecmp[id=" + id + ", members=" + Arrays.toString(members) + "]";
        }
    }

    /** Addressed to this host: handed to the agent as a packet-in. */
    record Receive(int id) implements NextHop {
    }

    /** Dropped and counted. */
    record Discard(int id) implements NextHop {
    }

    enum Encapsulation {
        MPLS_OVER_UDP, VXLAN
    }
}
