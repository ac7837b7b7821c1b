package io.filament.agent.dataplane.wire;

import java.util.List;

/** The dataplane's answers to the agent's requests, each carrying the request's id. */
public sealed interface DataplaneReply {

    record Ok() implements DataplaneReply {
    }

    /** A refused request: nothing changed. {@code code} 0 invalid, 1 device failure, 2 malformed, 3 unexpected. */
    record Error(int code, String field, String value, String message) implements DataplaneReply {
    }

    record Counters(List<InterfaceCounters> interfaces, InterfaceCounters fabric, List<DropCount> drops)
            implements DataplaneReply {
        public Counters {
            interfaces = List.copyOf(interfaces);
            drops = List.copyOf(drops);
        }
    }

    /**
     * The dataplane's complete state, in the terms of the requests that make it: interfaces with the namespace and
     * name they were placed under, VRFs, next hops (without the built-in discard 0), routes, labels, VNIs and ACLs.
     */
    record Dump(List<DataplaneRequest.AddInterface> interfaces, List<Integer> vrfs,
                List<DataplaneRequest.NextHop> nextHops, List<DataplaneRequest.AddRoute> routes, List<Label> labels,
                List<Vni> vnis, List<DataplaneRequest.AddAcl> acls) implements DataplaneReply {
        public Dump {
            interfaces = List.copyOf(interfaces);
            vrfs = List.copyOf(vrfs);
            nextHops = List.copyOf(nextHops);
            routes = List.copyOf(routes);
            labels = List.copyOf(labels);
            vnis = List.copyOf(vnis);
            acls = List.copyOf(acls);
        }

        public record Label(int label, int nextHop) {
        }

        public record Vni(int vni, int vrf) {
        }
    }

    record InterfaceCounters(int vif, long rxPackets, long rxBytes, long txPackets, long txBytes) {
    }

    record DropCount(String reason, long packets) {
    }

    /** Frames trapped to the agent; {@code reason} 0 DHCP, 1 RECEIVE. */
    record PacketIns(List<PacketIn> packets) implements DataplaneReply {
        public PacketIns {
            packets = List.copyOf(packets);
        }
    }

    record PacketIn(int vif, int reason, byte[] frame) {
        public static final int DHCP = 0;
        public static final int RECEIVE = 1;
    }

    record FlowRecords(List<FlowRecord> records) implements DataplaneReply {
        public FlowRecords {
            records = List.copyOf(records);
        }
    }

    /** A flow as the dataplane reports it when it ends or periodically; {@code action} 0 drop, 1 forward. */
    record FlowRecord(int vrf, int family, int protocol, long srcHigh, long srcLow, long dstHigh, long dstLow,
                      int srcPort, int dstPort, int action, long packets, long bytes, long reversePackets,
                      long reverseBytes, long startMillis, long lastSeenMillis, boolean ended) {
    }
}
