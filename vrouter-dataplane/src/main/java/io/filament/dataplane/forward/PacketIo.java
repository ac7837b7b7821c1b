package io.filament.dataplane.forward;

import io.filament.dataplane.table.Vif;
import io.netty.buffer.ByteBuf;

/**
 * Where the pipeline puts packets. Implementations: TAP devices and the fabric socket in production, an in-memory
 * recorder in tests. Calls come from the thread holding the forwarding lock; the bytes are only valid during the
 * call.
 */
public interface PacketIo {

    /** Sends a complete Ethernet frame to a VM interface; false when the device refused it. */
    boolean sendToInterface(Vif vif, ByteBuf buf, int offset, int length);

    /** Sends a complete IPv4 packet (outer header included) to another host's fabric address. */
    boolean sendToFabric(int remote, ByteBuf buf, int offset, int length);
}
