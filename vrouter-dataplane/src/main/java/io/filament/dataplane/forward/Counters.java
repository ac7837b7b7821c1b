package io.filament.dataplane.forward;

import java.util.EnumMap;
import java.util.Map;

/**
 * Packet and byte counters per interface and per drop reason, plus fabric totals. Plain longs: written only under
 * the forwarding lock, read under it by the control socket.
 */
public final class Counters {

    private final long[] rxPackets;
    private final long[] rxBytes;
    private final long[] txPackets;
    private final long[] txBytes;
    private final long[] drops = new long[DropReason.values().length];
    private long fabricRxPackets;
    private long fabricRxBytes;
    private long fabricTxPackets;
    private long fabricTxBytes;

    public Counters(int interfaces) {
        rxPackets = new long[interfaces];
        rxBytes = new long[interfaces];
        txPackets = new long[interfaces];
        txBytes = new long[interfaces];
    }

    void rx(int vif, int length) {
        rxPackets[vif]++;
        rxBytes[vif] += length;
    }

    void tx(int vif, int length) {
        txPackets[vif]++;
        txBytes[vif] += length;
    }

    void fabricRx(int length) {
        fabricRxPackets++;
        fabricRxBytes += length;
    }

    void fabricTx(int length) {
        fabricTxPackets++;
        fabricTxBytes += length;
    }

    void drop(DropReason reason) {
        drops[reason.ordinal()]++;
    }

    void drop(DropReason reason, int packets) {
        drops[reason.ordinal()] += packets;
    }

    public long drops(DropReason reason) {
        return drops[reason.ordinal()];
    }

    public Map<DropReason, Long> dropsByReason() {
        Map<DropReason, Long> out = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            out.put(r, drops[r.ordinal()]);
        }
        return out;
    }

    public InterfaceCounters ofInterface(int vif) {
        return new InterfaceCounters(vif, rxPackets[vif], rxBytes[vif], txPackets[vif], txBytes[vif]);
    }

    public InterfaceCounters ofFabric() {
        return new InterfaceCounters(-1, fabricRxPackets, fabricRxBytes, fabricTxPackets, fabricTxBytes);
    }

    /** Resets an interface's counters when its index is reused. */
    public void resetInterface(int vif) {
        rxPackets[vif] = 0;
        rxBytes[vif] = 0;
        txPackets[vif] = 0;
        txBytes[vif] = 0;
    }

    public record InterfaceCounters(int vif, long rxPackets, long rxBytes, long txPackets, long txBytes) {
    }
}
