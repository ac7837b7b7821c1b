package io.filament.agent.dataplane.wire;

import java.util.Arrays;
import java.util.List;

/**
 * The requests the agent sends on the dataplane's control socket (type codes frozen by the dataplane's
 * control protocol). Changes are idempotent adds/replaces and deletes; reads return data.
 */
public sealed interface DataplaneRequest {

    int type();

    record AddVrf(int vrf) implements DataplaneRequest {
        public int type() {
            return 0x01;
        }
    }

    record DeleteVrf(int vrf) implements DataplaneRequest {
        public int type() {
            return 0x02;
        }
    }

    /** Adds or replaces an interface; the TAP is created named {@code name}, moved to {@code namespace} as {@code renameTo}. */
    record AddInterface(Interface vif, String namespace, String renameTo) implements DataplaneRequest {
        public int type() {
            return 0x03;
        }
    }

    record DeleteInterface(int index) implements DataplaneRequest {
        public int type() {
            return 0x04;
        }
    }

    record AddNextHop(NextHop nextHop) implements DataplaneRequest {
        public int type() {
            return 0x05;
        }
    }

    record DeleteNextHop(int id) implements DataplaneRequest {
        public int type() {
            return 0x06;
        }
    }

    /** {@code family} 4 or 6; an IPv4 prefix sits in the top 32 bits of {@code high}. */
    record AddRoute(int vrf, int family, long high, long low, int length, int nextHop) implements DataplaneRequest {
        public int type() {
            return 0x07;
        }
    }

    record DeleteRoute(int vrf, int family, long high, long low, int length) implements DataplaneRequest {
        public int type() {
            return 0x08;
        }
    }

    record AddLabel(int label, int nextHop) implements DataplaneRequest {
        public int type() {
            return 0x09;
        }
    }

    record DeleteLabel(int label) implements DataplaneRequest {
        public int type() {
            return 0x0A;
        }
    }

    record AddAcl(int id, List<AclRule> rules) implements DataplaneRequest {
        public AddAcl {
            rules = List.copyOf(rules);
        }

        public int type() {
            return 0x0D;
        }
    }

    record DeleteAcl(int id) implements DataplaneRequest {
        public int type() {
            return 0x0E;
        }
    }

    /** Sends a frame to a VM interface as it is (the DHCP server's replies). */
    record PacketOut(int vif, byte[] frame) implements DataplaneRequest {
        public PacketOut {
            frame = frame.clone();
        }

        public int type() {
            return 0x10;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PacketOut p && p.vif == vif && Arrays.equals(p.frame, frame);
        }

        @Override
        public int hashCode() {
            return 31 * vif + Arrays.hashCode(frame);
        }
    }

    record ReadCounters() implements DataplaneRequest {
        public int type() {
            return 0x12;
        }
    }

    /** Reads the dataplane's complete state (interfaces with their placement, VRFs, next hops, routes, labels, ACLs). */
    record Dump() implements DataplaneRequest {
        public int type() {
            return 0x13;
        }
    }

    record ReadPacketIns(int max) implements DataplaneRequest {
        public int type() {
            return 0x14;
        }
    }

    record ReadFlowRecords(int max) implements DataplaneRequest {
        public int type() {
            return 0x15;
        }
    }

    /** A VM interface as the dataplane holds it. */
    record Interface(int index, String name, long mac, int ipv4, int vrf, int flags, int mtu, int maxFlows,
                     int networkAcl, List<Integer> ingressAcls, List<Integer> egressAcls) {
        public static final int FLAG_POLICY = 0x1;
        public static final int FLAG_DHCP_TRAP = 0x2;

        public Interface {
            ingressAcls = List.copyOf(ingressAcls);
            egressAcls = List.copyOf(egressAcls);
        }
    }

    /** Kinds 1 interface, 2 tunnel (encapsulation 0 MPLSoUDP, 1 VXLAN), 3 ECMP, 4 receive, 5 discard. */
    sealed interface NextHop {
        int id();

        record ToInterface(int id, int vif) implements NextHop {
        }

        record Tunnel(int id, int encapsulation, int remote, int labelOrVni, long innerDestinationMac) implements NextHop {
            public static final int MPLS_OVER_UDP = 0;
            public static final int VXLAN = 1;
        }

        /** A set of 1 … 64 interface or tunnel next hops; the agent reads these in a dump, it does not make them. */
        record Ecmp(int id, List<Integer> members) implements NextHop {
            public Ecmp {
                members = List.copyOf(members);
            }
        }

        record Receive(int id) implements NextHop {
        }

        record Discard(int id) implements NextHop {
        }
    }

    /** {@code action} 0 pass, 1 deny; {@code family} 0 any, 4 or 6; {@code protocol} -1 any. */
    record AclRule(int action, int family, int protocol, long srcHigh, long srcLow, int srcLength, long dstHigh,
                   long dstLow, int dstLength, int srcPortLow, int srcPortHigh, int dstPortLow, int dstPortHigh) {
        public static final int PASS = 0;
        public static final int DENY = 1;
    }
}
