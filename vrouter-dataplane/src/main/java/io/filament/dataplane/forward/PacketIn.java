package io.filament.dataplane.forward;

/** A frame handed to the agent: DHCP from a trapping interface, or traffic addressed to this host. */
public record PacketIn(int vif, Reason reason, byte[] frame) {

    public enum Reason {
        DHCP, RECEIVE
    }

    public PacketIn {
        frame = frame.clone();
    }

    @Override
    public byte[] frame() {
        return frame.clone();
    }
}
