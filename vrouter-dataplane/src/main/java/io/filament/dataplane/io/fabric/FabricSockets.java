package io.filament.dataplane.io.fabric;

import io.filament.dataplane.io.linux.Libc;
import io.filament.dataplane.io.linux.NativeCallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transmit side of the fabric: a small set of UDP sockets on the fabric address, each bound by the kernel to a free
 * port in 49152–65535 ({@code IP_LOCAL_PORT_RANGE}), so that a flow's outer source port — its entropy (RFC 7510 §3,
 * RFC 7348 §5) — is one of theirs, chosen by the flow hash. The kernel writes the outer IPv4 and UDP headers (with a
 * UDP checksum, offloaded where the device can). A run of equal-sized datagrams goes out in one
 * {@code sendmsg(2)} with {@code UDP_SEGMENT} (UDP GSO): one system call and one trip through the stack for up to 64
 * datagrams; the receiving side's {@code UDP_GRO} keeps it whole.
 *
 * <p>Non-blocking: a full socket buffer fails the send (counted by the pipeline), it never stalls forwarding. Called
 * under the forwarding lock only (one caller at a time: the {@code msghdr} is reused and nothing is allocated).
 */
public final class FabricSockets implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FabricSockets.class);
    private static final int SO_SNDBUFFORCE = 32;
    private static final int SEND_BUFFER = 8 << 20;
    private static final int ENTROPY_LOW = 49152;
    private static final int ENTROPY_HIGH = 65535;
    private static final ValueLayout.OfShort SHORT_BE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt INT_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int CMSG_SPACE_U16 = 24;
    private static final int CMSG_LEN_U16 = 18;

    private final int[] fds;
    private final int[] ports;
    private final short[] socketOfPort = new short[65536];
    private final Arena arena = Arena.ofShared();
    private final MemorySegment destination;
    private final MemorySegment msghdr;
    private final MemorySegment iov;
    private final MemorySegment control;

    /** Opens {@code count} sockets on {@code fabricAddress} (IPv4, host order). */
    public FabricSockets(int fabricAddress, int count) {
        if (count < 1 || count > 1024) {
            throw new IllegalArgumentException("fabric socket count " + count + " outside 1..1024");
        }
        fds = new int[count];
        ports = new int[count];
        Arrays.fill(fds, -1);
        Arrays.fill(socketOfPort, (short) -1);
        try {
            for (int i = 0; i < count; i++) {
                fds[i] = open(fabricAddress);
                ports[i] = Libc.boundPort(fds[i]);
                socketOfPort[ports[i]] = (short) i;
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        destination = arena.allocate(16);
        destination.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_INET);
        iov = arena.allocate(16, 8);
        control = arena.allocate(CMSG_SPACE_U16, 8);
        control.set(ValueLayout.JAVA_LONG, 0, CMSG_LEN_U16);
        control.set(ValueLayout.JAVA_INT, 8, Libc.SOL_UDP);
        control.set(ValueLayout.JAVA_INT, 12, Libc.UDP_SEGMENT);
        msghdr = arena.allocate(56, 8);
        msghdr.set(ValueLayout.JAVA_LONG, 0, destination.address());
        msghdr.set(ValueLayout.JAVA_INT, 8, 16);
        msghdr.set(ValueLayout.JAVA_LONG, 16, iov.address());
        msghdr.set(ValueLayout.JAVA_LONG, 24, 1);
    }

    private static int open(int fabricAddress) {
        int fd = Libc.socket(Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, 0);
        try {
            try {
                Libc.setsockopt(fd, Libc.SOL_IP, Libc.IP_LOCAL_PORT_RANGE, ENTROPY_HIGH << 16 | ENTROPY_LOW,
                        "setsockopt(IP_LOCAL_PORT_RANGE)");
            } catch (NativeCallException e) {
                log.warn("source ports come from the system's ephemeral range: {}", e.getMessage());
            }
            try {
                Libc.setsockopt(fd, Libc.SOL_SOCKET, SO_SNDBUFFORCE, SEND_BUFFER, "setsockopt(SO_SNDBUFFORCE)");
            } catch (NativeCallException e) {
                Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_SNDBUF, SEND_BUFFER, "setsockopt(SO_SNDBUF)");
            }
            // Nothing is ever read from these sockets; keep what strays in from filling memory.
            Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, 4096, "setsockopt(SO_RCVBUF)");
            Libc.bindIpv4(fd, fabricAddress, 0, "bind(fabric transmit socket)");
            return fd;
        } catch (RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    /** The source port for a flow hash: one of the sockets' ports. */
    public int port(int flowHash) {
        return ports[Integer.remainderUnsigned(flowHash * 0x9E3779B1, ports.length)];
    }

    /** The bound source ports, in socket order. */
    public int[] ports() {
        return ports.clone();
    }

    /**
     * Sends {@code length} bytes of UDP payload at native {@code address} from the socket bound to
     * {@code sourcePort} to {@code remote:destinationPort}; with {@code segmentSize} > 0 the kernel cuts them into
     * datagrams of that size (the last may be shorter). False when the kernel refused the send.
     */
    public boolean send(int sourcePort, int remote, int destinationPort, long address, int length, int segmentSize) {
        int socket = socketOfPort[sourcePort & 0xFFFF];
        int fd = fds[socket < 0 ? 0 : socket];
        destination.set(SHORT_BE, 2, (short) destinationPort);
        destination.set(INT_BE, 4, remote);
        iov.set(ValueLayout.JAVA_LONG, 0, address);
        iov.set(ValueLayout.JAVA_LONG, 8, length);
        if (segmentSize > 0) {
            control.set(ValueLayout.JAVA_SHORT, 16, (short) segmentSize);
            msghdr.set(ValueLayout.JAVA_LONG, 32, control.address());
            msghdr.set(ValueLayout.JAVA_LONG, 40, CMSG_SPACE_U16);
        } else {
            msghdr.set(ValueLayout.JAVA_LONG, 32, 0L);
            msghdr.set(ValueLayout.JAVA_LONG, 40, 0L);
        }
        return Libc.sendmsg(fd, msghdr.address(), 0) == length;
    }

    @Override
    public void close() {
        for (int i = 0; i < fds.length; i++) {
            if (fds[i] >= 0) {
                Libc.close(fds[i]);
                fds[i] = -1;
            }
        }
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
