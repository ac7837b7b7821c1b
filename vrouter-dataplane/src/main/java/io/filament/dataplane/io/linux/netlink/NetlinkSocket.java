package io.filament.dataplane.io.linux.netlink;

import io.filament.dataplane.io.linux.Libc;
import io.filament.dataplane.io.linux.NativeCallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * An {@code AF_NETLINK} socket to the kernel's routing family ({@code NETLINK_ROUTE}) for request/ack exchanges.
 * The socket asks for capped acks with extended-ack text ({@code NETLINK_CAP_ACK}, {@code NETLINK_EXT_ACK}) and
 * waits at most {@code timeout} for each answer. rtnetlink handles a request inside {@code send(2)}, so the ack is
 * normally queued before the receive starts. Not thread-safe in itself: {@link #request} is synchronized.
 */
public final class NetlinkSocket implements AutoCloseable {

    public static final int AF_NETLINK = 16;
    public static final int SOCK_RAW = 3;
    public static final int NETLINK_ROUTE = 0;
    public static final int SOL_NETLINK = 270;
    public static final int NETLINK_CAP_ACK = 10;
    public static final int NETLINK_EXT_ACK = 11;
    private static final int EAGAIN = 11;
    private static final int RECEIVE_BUFFER = 8192;
    /** Datagrams read while looking for an ack before giving up (the socket joins no multicast group). */
    private static final int MAX_DATAGRAMS = 16;

    private final int fd;
    private final Duration timeout;
    private int sequence;
    private boolean closed;

    private NetlinkSocket(int fd, Duration timeout) {
        this.fd = fd;
        this.timeout = timeout;
    }

    /** Opens a routing socket whose receives give up after {@code timeout}. */
    public static NetlinkSocket openRoute(Duration timeout) {
        int fd = Libc.socket(AF_NETLINK, SOCK_RAW | Libc.SOCK_CLOEXEC, NETLINK_ROUTE);
        try (Arena arena = Arena.ofConfined()) {
            Libc.setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, 1, "setsockopt(NETLINK_CAP_ACK)");
            Libc.setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, 1, "setsockopt(NETLINK_EXT_ACK)");
            MemorySegment timeval = arena.allocate(16);
            timeval.set(ValueLayout.JAVA_LONG, 0, timeout.toSeconds());
            timeval.set(ValueLayout.JAVA_LONG, 8, timeout.toNanosPart() / 1000);
            Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO, timeval, "setsockopt(SO_RCVTIMEO)");
            return new NetlinkSocket(fd, timeout);
        } catch (RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    /**
     * Sends the message {@code encoder} builds for the next sequence number and returns the kernel's ack for it
     * (which may report an error: see {@link NetlinkAck#succeeded()}).
     */
    public synchronized NetlinkAck request(IntFunction<byte[]> encoder) {
        if (closed) {
            throw new IllegalStateException("netlink socket closed");
        }
        int seq = ++sequence;
        byte[] message = encoder.apply(seq);
        try (Arena arena = Arena.ofConfined()) {
            Libc.send(fd, arena.allocateFrom(ValueLayout.JAVA_BYTE, message), "send(netlink)");
            MemorySegment in = arena.allocate(RECEIVE_BUFFER);
            byte[] datagram = new byte[RECEIVE_BUFFER];
            for (int i = 0; i < MAX_DATAGRAMS; i++) {
                int length = receive(in);
                MemorySegment.copy(in, ValueLayout.JAVA_BYTE, 0, datagram, 0, length);
                Optional<NetlinkAck> ack = NetlinkAck.find(datagram, length, seq);
                if (ack.isPresent()) {
                    return ack.get();
                }
            }
            throw new NativeCallException("recv(netlink)", 0, "no ack for request " + seq + " in " + MAX_DATAGRAMS
                    + " datagrams");
        }
    }

    private int receive(MemorySegment in) {
        try {
            return Libc.recv(fd, in, "recv(netlink)");
        } catch (NativeCallException e) {
            if (e.errno() == EAGAIN) {
                throw new NativeCallException("recv(netlink)", EAGAIN, "no answer within " + timeout.toMillis()
                        + " ms");
            }
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Libc.close(fd);
        }
    }
}
