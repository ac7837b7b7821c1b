package io.filament.dataplane.io.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few libc calls the dataplane needs, bound through the FFM API (no JNI). Calls that set up devices capture
 * {@code errno} so failures can say why; the per-packet calls ({@link #read}, {@link #write}, {@link #sendmsg})
 * take raw addresses as {@code long} so that issuing them allocates nothing.
 */
public final class Libc {

    public static final int O_RDONLY = 0x0;
    public static final int O_RDWR = 0x2;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;
    public static final int AF_INET = 2;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SOL_IP = 0;
    /** Per-socket ephemeral port range for {@code bind(port 0)}: {@code high << 16 | low} (Linux 6.3). */
    public static final int IP_LOCAL_PORT_RANGE = 51;
    public static final int SOL_UDP = 17;
    /** UDP generic segmentation offload: a send is cut into datagrams of this many payload bytes (Linux 4.18). */
    public static final int UDP_SEGMENT = 103;
    public static final short POLLIN = 0x1;
    public static final int SO_RCVTIMEO = 20;
    /** {@code setns(2)} type: a network namespace. */
    public static final int CLONE_NEWNET = 0x40000000;
    public static final int EFD_NONBLOCK = 0x800;
    public static final int EFD_CLOEXEC = 0x80000;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(
            java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final MethodHandle OPEN = capturing("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle IOCTL = capturing("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));
    private static final MethodHandle IOCTL_VALUE = capturing("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle SETSOCKOPT = capturing("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle BIND = capturing("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKNAME = capturing("getsockname",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SENDMSG = plain("sendmsg",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));
    private static final MethodHandle SOCKET = capturing("socket",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = plain("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle READ = plain("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle WRITE = plain("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle POLL = plain("poll",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
    private static final MethodHandle SEND = capturing("send",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle RECV = capturing("recv",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle IF_NAMETOINDEX = capturing("if_nametoindex",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle SETNS = capturing("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle EVENTFD = capturing("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle STRERROR = plain("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Libc() {
    }

    private static MethodHandle plain(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(), fd);
    }

    private static MethodHandle capturing(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(), fd, CAPTURE_ERRNO);
    }

    /** Opens a path; throws {@link NativeCallException} with errno on failure. */
    public static int open(String path, int flags) {
        return (int) checked("open(" + path + ")",
                (arena, state) -> (int) OPEN.invokeExact(state, arena.allocateFrom(path), flags));
    }

    /** ioctl with a pointer argument. */
    public static void ioctl(int fd, long request, MemorySegment arg, String what) {
        checked(what, (arena, state) -> (int) IOCTL.invokeExact(state, fd, request, arg));
    }

    /** ioctl with an integer argument (e.g. {@code TUNSETOFFLOAD}). */
    public static void ioctl(int fd, long request, long value, String what) {
        checked(what, (arena, state) -> (int) IOCTL_VALUE.invokeExact(state, fd, request, value));
    }

    /** setsockopt(2) with an {@code int} value. */
    public static void setsockopt(int fd, int level, int option, int value, String what) {
        checked(what, (arena, state) -> (int) SETSOCKOPT.invokeExact(state, fd, level, option,
                arena.allocateFrom(JAVA_INT, value), 4));
    }

    /** bind(2) to an IPv4 address ({@code sockaddr_in}); port 0 lets the kernel choose. */
    public static void bindIpv4(int fd, int address, int port, String what) {
        checked(what, (arena, state) -> (int) BIND.invokeExact(state, fd, sockaddrIn(arena, address, port), 16));
    }

    /** The port an IPv4 socket is bound to. */
    public static int boundPort(int fd) {
        return (int) checked("getsockname(" + fd + ")", (arena, state) -> {
            MemorySegment sa = arena.allocate(16);
            int rc = (int) GETSOCKNAME.invokeExact(state, fd, sa, arena.allocateFrom(JAVA_INT, 16));
            return rc < 0 ? rc : Short.toUnsignedInt(Short.reverseBytes(sa.get(JAVA_SHORT, 2)));
        });
    }

    /** A {@code struct sockaddr_in} for {@code address:port} (host byte order in, network order stored). */
    public static MemorySegment sockaddrIn(Arena arena, int address, int port) {
        MemorySegment sa = arena.allocate(16);
        sa.set(java.lang.foreign.ValueLayout.JAVA_SHORT, 0, (short) AF_INET);
        sa.set(java.lang.foreign.ValueLayout.JAVA_SHORT, 2, Short.reverseBytes((short) port));
        sa.set(java.lang.foreign.ValueLayout.JAVA_INT, 4, Integer.reverseBytes(address));
        return sa;
    }

    /** sendmsg(2) of a prepared {@code struct msghdr}; bytes sent or -1. */
    public static long sendmsg(int fd, long msghdr, int flags) {
        try {
            return (long) SENDMSG.invokeExact(fd, msghdr, flags);
        } catch (Throwable t) {
            throw new IllegalStateException("sendmsg", t);
        }
    }

    public static int socket(int domain, int type, int protocol) {
        return (int) checked("socket(" + domain + ", " + type + ", " + protocol + ")",
                (arena, state) -> (int) SOCKET.invokeExact(state, domain, type, protocol));
    }

    public static void close(int fd) {
        try {
            int rc = (int) CLOSE.invokeExact(fd);
            if (rc < 0) {
                throw new NativeCallException("close(" + fd + ")", -1, "failed");
            }
        } catch (NativeCallException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("close", t);
        }
    }

    /** read(2) into native memory; returns bytes read or -1 (EAGAIN or error). */
    public static long read(int fd, long address, long length) {
        try {
            return (long) READ.invokeExact(fd, address, length);
        } catch (Throwable t) {
            throw new IllegalStateException("read", t);
        }
    }

    /** write(2) from native memory; returns bytes written or -1. */
    public static long write(int fd, long address, long length) {
        try {
            return (long) WRITE.invokeExact(fd, address, length);
        } catch (Throwable t) {
            throw new IllegalStateException("write", t);
        }
    }

    /** poll(2) over {@code count} struct pollfd at {@code address}. */
    public static int poll(long address, long count, int timeoutMillis) {
        try {
            return (int) POLL.invokeExact(address, count, timeoutMillis);
        } catch (Throwable t) {
            throw new IllegalStateException("poll", t);
        }
    }

    /** setsockopt(2) with a structure (e.g. the {@code struct timeval} of {@code SO_RCVTIMEO}). */
    public static void setsockopt(int fd, int level, int option, MemorySegment value, String what) {
        checked(what, (arena, state) -> (int) SETSOCKOPT.invokeExact(state, fd, level, option, value,
                (int) value.byteSize()));
    }

    /** send(2) of a whole buffer on a datagram socket; throws unless every byte went out. */
    public static void send(int fd, MemorySegment buffer, String what) {
        long sent = checked(what, (arena, state) -> (long) SEND.invokeExact(state, fd, buffer, buffer.byteSize(), 0));
        if (sent != buffer.byteSize()) {
            throw new NativeCallException(what, 0, "sent " + sent + " of " + buffer.byteSize() + " bytes");
        }
    }

    /** recv(2) of one datagram into {@code buffer}; the bytes received (errno {@code EAGAIN} on a receive timeout). */
    public static int recv(int fd, MemorySegment buffer, String what) {
        return (int) checked(what, (arena, state) -> (long) RECV.invokeExact(state, fd, buffer, buffer.byteSize(), 0));
    }

    /** The index of a network interface in the caller's namespace. */
    public static int ifNameToIndex(String name) {
        return (int) checked("if_nametoindex(" + name + ")", (arena, state) -> {
            int index = (int) IF_NAMETOINDEX.invokeExact(state, arena.allocateFrom(name));
            return index == 0 ? -1 : index;
        });
    }

    /** setns(2): moves the calling thread (only it) into the namespace behind {@code fd}. */
    public static void setns(int fd, int type, String what) {
        checked(what, (arena, state) -> (int) SETNS.invokeExact(state, fd, type));
    }

    /** eventfd(2): a counter a thread can poll on and another can bump to wake it. */
    public static int eventfd(int flags) {
        return (int) checked("eventfd", (arena, state) -> (int) EVENTFD.invokeExact(state, 0, flags));
    }

    /** The C library's text for an errno value, e.g. "File exists" for 17. */
    public static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    /** One call through an errno-capturing handle: its arguments may live in {@code arena}. */
    @FunctionalInterface
    private interface CapturingCall {
        long invoke(Arena arena, MemorySegment errnoState) throws Throwable;
    }

    /**
     * Runs a call that captures {@code errno}; a negative result becomes a {@link NativeCallException} naming
     * {@code what} and the C library's reason, any other failure of the call an {@link IllegalStateException}.
     */
    private static long checked(String what, CapturingCall call) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            long result = call.invoke(arena, state);
            if (result < 0) {
                throw failure(what, state);
            }
            return result;
        } catch (NativeCallException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(what, t);
        }
    }

    private static NativeCallException failure(String what, MemorySegment state) {
        int errno = (int) ERRNO.get(state, 0L);
        return new NativeCallException(what, errno, strerror(errno));
    }
}
