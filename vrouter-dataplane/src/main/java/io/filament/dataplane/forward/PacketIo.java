package io.filament.dataplane.forward;

import io.filament.dataplane.table.Vif;
import io.netty.buffer.ByteBuf;

/**
 * Where the pipeline puts packets. Implementations: TAP devices and the fabric sockets in production, an in-memory
 * recorder in tests. Calls come from the thread holding the forwarding lock; the bytes are only valid during the
 * call, and the implementation may use the {@link Forwarder#HEADROOM} bytes in front of them.
 *
 * <p>{@code segmentSize} > 0 marks a TCP super-packet (segmentation offload): its payload is to be cut into segments
 * of that many bytes, and its TCP checksum field holds only the pseudo-header sum. 0 is an ordinary, complete packet.
 */
public interface PacketIo {

    /** Sends a complete Ethernet frame to a VM interface; false when the device refused it. */
    boolean sendToInterface(Vif vif, ByteBuf buf, int offset, int length, int segmentSize);

    /**
     * Sends an IPv4 packet (outer header included) to another host's fabric address. For a super-packet the outer
     * IPv4 and UDP length fields are 0 when the total exceeds 65,535 bytes; each datagram on the wire gets its own.
     */
    boolean sendToFabric(int remote, ByteBuf buf, int offset, int length, int segmentSize);

    /**
     * The outer UDP source port for a flow hash: entropy in 49152–65535 (RFC 7510 §3, RFC 7348 §5). An
     * implementation that sends from a fixed set of sockets answers one of their ports.
     */
    default int entropyPort(int flowHash) {
        return 49152 | (flowHash & 0x3FFF);
    }

    /**
     * Sends whatever the implementation held back to batch system calls; called at the end of every receive burst.
     * Returns how many packets accepted earlier could not be sent after all.
     */
    default int flush() {
        return 0;
    }
}
