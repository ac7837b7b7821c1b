package io.filament.dataplane.flow;

/** One entry of the flow table as the control socket lists it. */
public record FlowView(int index, int reverseIndex, boolean forward, int vrf, int family, int protocol, long srcHigh, long srcLow,
                       long dstHigh, long dstLow, int srcPort, int dstPort, FlowAction action, long packets,
                       long bytes, int tcpFlags, long startMillis, long lastSeenMillis) {
}
