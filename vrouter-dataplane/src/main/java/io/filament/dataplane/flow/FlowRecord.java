package io.filament.dataplane.flow;

/**
 * A flow's statistics handed to the agent: when it ends (aged out, closed) and periodically while it lives.
 * Addresses are two longs (IPv4 in the top 32 bits of the high word).
 */
public record FlowRecord(int vrf, int family, int protocol, long srcHigh, long srcLow, long dstHigh, long dstLow,
                         int srcPort, int dstPort, FlowAction action, long packets, long bytes,
                         long reversePackets, long reverseBytes, long startMillis, long lastSeenMillis,
                         boolean ended) {
}
