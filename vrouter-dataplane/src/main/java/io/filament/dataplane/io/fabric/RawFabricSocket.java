package io.filament.dataplane.io.fabric;

import io.filament.dataplane.io.linux.Libc;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Transmit side of the fabric: a raw IPv4 socket ({@code IPPROTO_RAW}, header included) so that the pipeline writes
 * the outer IPv4 and UDP headers itself — that is what lets every flow carry its own entropy source port (RFC 7510
 * §3) from a single socket. The kernel fills in the IPv4 checksum. Raw sockets of this protocol receive nothing;
 * reception is {@link FabricReceiver}'s job.
 */
public final class RawFabricSocket implements AutoCloseable {

    private static final ValueLayout.OfInt BIG_ENDIAN_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment sockaddr;
    private final ByteBuf scratch = Unpooled.directBuffer(65536);

    public RawFabricSocket() {
        this.fd = Libc.socket(Libc.AF_INET, Libc.SOCK_RAW, Libc.IPPROTO_RAW);
        this.sockaddr = arena.allocate(16);
        sockaddr.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_INET);
    }

    /** Sends a complete IPv4 packet to {@code remote}; called under the forwarding lock. */
    public boolean send(int remote, ByteBuf buf, int offset, int length) {
        sockaddr.set(BIG_ENDIAN_INT, 4, remote);
        long address;
        if (buf.hasMemoryAddress()) {
            address = buf.memoryAddress() + offset;
        } else {
            scratch.setBytes(0, buf, offset, length);
            address = scratch.memoryAddress();
        }
        return Libc.sendto(fd, address, length, 0, sockaddr.address(), 16) == length;
    }

    @Override
    public void close() {
        Libc.close(fd);
        arena.close();
        scratch.release();
    }
}
