package io.filament.dataplane.control.wire;

import io.filament.dataplane.flow.FlowRecord;
import io.filament.dataplane.flow.FlowView;
import io.filament.dataplane.forward.Counters.InterfaceCounters;
import io.filament.dataplane.forward.PacketIn;
import io.filament.dataplane.policy.CompiledAcl;
import io.filament.dataplane.table.NextHop;
import io.filament.dataplane.table.TableSnapshot;
import io.filament.dataplane.table.Vif;
import java.util.List;

/**
 * Every message of the agent ↔ dataplane control protocol. Requests are imperatives; each is answered by exactly
 * one reply carrying the same request id: {@link Ok}, a data reply, or {@link ErrorReply}. Type codes are frozen (see
 * CONTROL-PROTOCOL.md).
 */
public sealed interface ControlMessage {

    /** Requests that change state. */
    sealed interface Change extends ControlMessage {
    }

    record AddVrf(int vrf) implements Change {
    }

    record DeleteVrf(int vrf) implements Change {
    }

    /**
     * Adds (or replaces) an interface and creates its TAP device named {@code vif.name()}, optionally moved into
     * {@code namespace} and renamed to {@code renameTo} there.
     */
    record AddInterface(Vif vif, String namespace, String renameTo) implements Change {
    }

    record DeleteInterface(int index) implements Change {
    }

    record AddNextHop(NextHop nextHop) implements Change {
    }

    record DeleteNextHop(int id) implements Change {
    }

    /** {@code family} 4 or 6; an IPv4 prefix sits in the top 32 bits of {@code high}. */
    record AddRoute(int vrf, int family, long high, long low, int length, int nextHop) implements Change {
    }

    record DeleteRoute(int vrf, int family, long high, long low, int length) implements Change {
    }

    record AddLabel(int label, int nextHop) implements Change {
    }

    record DeleteLabel(int label) implements Change {
    }

    record AddVni(int vni, int vrf) implements Change {
    }

    record DeleteVni(int vni) implements Change {
    }

    /** Installs or replaces a compiled ACL; existing flows are re-evaluated on their next packet. */
    record AddAcl(CompiledAcl acl) implements Change {
    }

    record DeleteAcl(int id) implements Change {
    }

    /** Sends a frame to a VM interface as it is (the agent's DHCP reply). */
    record PacketOut(int vif, byte[] frame) implements ControlMessage {
        public PacketOut {
            frame = frame.clone();
        }
    }

    record ReadFlows() implements ControlMessage {
    }

    record ReadCounters() implements ControlMessage {
    }

    record Dump() implements ControlMessage {
    }

    record ReadPacketIns(int max) implements ControlMessage {
    }

    record ReadFlowRecords(int max) implements ControlMessage {
    }

    // ---- replies ----

    record Ok() implements ControlMessage {
    }

    record ErrorReply(Code code, String field, String value, String message) implements ControlMessage {
        public enum Code {
            /** The request decoded but was refused by validation; nothing changed. */
            INVALID_REQUEST,
            /** The kernel refused a device operation; nothing changed. */
            DEVICE_FAILURE,
            /** The frame did not decode. */
            MALFORMED_REQUEST,
            /** A reply type was sent as a request. */
            UNEXPECTED_MESSAGE
        }
    }

    record Flows(List<FlowView> flows) implements ControlMessage {
    }

    record CountersReply(List<InterfaceCounters> interfaces, InterfaceCounters fabric, List<DropCount> drops)
            implements ControlMessage {
    }

    record DropCount(String reason, long packets) {
    }

    /** An interface with where its TAP was placed. */
    record PlacedInterface(Vif vif, String namespace, String renameTo) {
    }

    record DumpReply(List<PlacedInterface> interfaces, TableSnapshot tables) implements ControlMessage {
    }

    record PacketIns(List<PacketIn> packets) implements ControlMessage {
    }

    record FlowRecords(List<FlowRecord> records) implements ControlMessage {
    }
}
