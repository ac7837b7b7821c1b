package io.filament.dataplane.io.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

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
 * {@code errno} so failures can say why; the per-packet calls ({@link #read}, {@link #write}, {@link #sendto})
 * take raw addresses as {@code long} so that issuing them allocates nothing.
 */
public final class Libc {

    public static final int O_RDWR = 0x2;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;
    public static final int AF_INET = 2;
    public static final int SOCK_RAW = 3;
    public static final int IPPROTO_RAW = 255;
    public static final short POLLIN = 0x1;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(
            java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final MethodHandle OPEN = capturing("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle IOCTL = capturing("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));
    private static final MethodHandle SOCKET = capturing("socket",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = plain("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle READ = plain("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle WRITE = plain("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle SENDTO = plain("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));
    private static final MethodHandle POLL = plain("poll",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
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
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path), flags);
            if (fd < 0) {
                throw failure("open(" + path + ")", state);
            }
            return fd;
        } catch (NativeCallException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("open " + path, t);
        }
    }

    /** ioctl with a pointer argument. */
    public static void ioctl(int fd, long request, MemorySegment arg, String what) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int rc = (int) IOCTL.invokeExact(state, fd, request, arg);
            if (rc < 0) {
                throw failure(what, state);
            }
        } catch (NativeCallException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(what, t);
        }
    }

    public static int socket(int domain, int type, int protocol) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int fd = (int) SOCKET.invokeExact(state, domain, type, protocol);
            if (fd < 0) {
                throw failure("socket(" + domain + ", " + type + ", " + protocol + ")", state);
            }
            return fd;
        } catch (NativeCallException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("socket", t);
        }
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

    public static long sendto(int fd, long address, long length, int flags, long sockaddr, int sockaddrLength) {
        try {
            return (long) SENDTO.invokeExact(fd, address, length, flags, sockaddr, sockaddrLength);
        } catch (Throwable t) {
            throw new IllegalStateException("sendto", t);
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

    private static NativeCallException failure(String what, MemorySegment state) {
        int errno = (int) ERRNO.get(state, 0L);
        return new NativeCallException(what, errno, strerror(errno));
    }

    static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }
}
