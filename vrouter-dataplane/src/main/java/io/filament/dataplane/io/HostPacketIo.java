package io.filament.dataplane.io;

import io.filament.dataplane.forward.PacketIo;
import io.filament.dataplane.io.fabric.RawFabricSocket;
import io.filament.dataplane.io.tap.TapPorts;
import io.filament.dataplane.table.Vif;
import io.netty.buffer.ByteBuf;

/** Packet I/O of a real host: VM interfaces are TAP devices, the fabric is a raw IPv4 socket. */
public final class HostPacketIo implements PacketIo {

    private volatile TapPorts taps;
    private final RawFabricSocket fabric;

    public HostPacketIo(RawFabricSocket fabric) {
        this.fabric = fabric;
    }

    /** Set once the ports exist (they need the engine, which needs this I/O). */
    public void useTaps(TapPorts ports) {
        this.taps = ports;
    }

    @Override
    public boolean sendToInterface(Vif vif, ByteBuf buf, int offset, int length) {
        TapPorts ports = taps;
        return ports != null && ports.send(vif.index(), buf, offset, length);
    }

    @Override
    public boolean sendToFabric(int remote, ByteBuf buf, int offset, int length) {
        return fabric.send(remote, buf, offset, length);
    }
}
