package io.filament.dataplane.forward;

import io.filament.dataplane.flow.FlowAction;
import io.filament.dataplane.flow.FlowSettings;
import io.filament.dataplane.flow.FlowTable;
import io.filament.dataplane.policy.PolicyEvaluator;
import io.filament.dataplane.table.Vif;
import java.time.InstantSource;

/**
 * The flow step of the pipeline: finds the packet's flow, or sets one up by evaluating policy on the first packet
 * (forward and reverse entry together, so return traffic of an allowed flow passes), enforces per-interface and
 * table limits, and counts the packet on its entry.
 */
final class FlowStage {

    private final FlowTable flows;
    private final FlowSettings settings;
    private final PolicyEvaluator policy;
    private final Counters counters;
    private final InstantSource clock;

    FlowStage(FlowTable flows, FlowSettings settings, PolicyEvaluator policy, Counters counters, InstantSource clock) {
        this.flows = flows;
        this.settings = settings;
        this.policy = policy;
        this.counters = counters;
        this.clock = clock;
    }

    /** The packet's flow entry in {@code vrf}, or -1; also sets the context's flow hash. */
    int find(PacketContext p, int vrf) {
        p.flowHash = FlowTable.hash(vrf, p.family, p.protocol, p.srcHigh, p.srcLow, p.dstHigh, p.dstLow, p.srcPort,
                p.dstPort);
        return flows.find(p.flowHash, vrf, p.family, p.protocol, p.srcHigh, p.srcLow, p.dstHigh, p.dstLow,
                p.srcPort, p.dstPort);
    }

    int ecmpMember(int entry) {
        return flows.ecmpMember(entry);
    }

    /**
     * Lets the packet through its existing entry or a new one; false when it was dropped (and counted).
     *
     * @param entry the result of {@link #find}
     */
    boolean admit(PacketContext p, int entry, int vrf, int reverseVrf, Vif sender, Vif receiver, int ecmpMember) {
        long now = clock.millis();
        int e = entry;
        if (e < 0) {
            e = setUp(p, vrf, reverseVrf, sender, receiver, ecmpMember, now);
            if (e < 0) {
                return false;
            }
        }
        flows.hit(e, p.l3Length, p.tcpFlags, now);
        if (!flows.forwards(e)) {
            counters.drop(DropReason.POLICY);
            return false;
        }
        return true;
    }

    private int setUp(PacketContext p, int vrf, int reverseVrf, Vif sender, Vif receiver, int ecmpMember, long now) {
        if (overLimit(sender) || overLimit(receiver)) {
            counters.drop(DropReason.FLOW_LIMIT);
            return -1;
        }
        int rh = FlowTable.hash(reverseVrf, p.family, p.protocol, p.dstHigh, p.dstLow, p.srcHigh, p.srcLow,
                p.dstPort, p.srcPort);
        int stale = flows.find(rh, reverseVrf, p.family, p.protocol, p.dstHigh, p.dstLow, p.srcHigh, p.srcLow,
                p.dstPort, p.srcPort);
        if (stale >= 0) {
            flows.removePair(stale);
        }
        if (!flows.hasRoomForPair()) {
            counters.drop(DropReason.FLOW_TABLE_FULL);
            return -1;
        }
        FlowAction verdict = policy.evaluate(sender, receiver, p.family, p.protocol, p.srcHigh, p.srcLow, p.dstHigh,
                p.dstLow, p.srcPort, p.dstPort);
        return flows.createPair(p.flowHash, vrf, reverseVrf, p.family, p.protocol, p.srcHigh, p.srcLow, p.dstHigh,
                p.dstLow, p.srcPort, p.dstPort, verdict, sender == null ? -1 : sender.index(),
                receiver == null ? -1 : receiver.index(), ecmpMember, now);
    }

    private boolean overLimit(Vif vif) {
        if (vif == null) {
            return false;
        }
        int limit = vif.maxFlows() == 0 ? settings.maxFlowsPerInterface() : vif.maxFlows();
        return flows.flowsOf(vif.index()) >= limit;
    }
}
