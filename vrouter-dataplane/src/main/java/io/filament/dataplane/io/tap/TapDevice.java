package io.filament.dataplane.io.tap;

import io.filament.dataplane.io.linux.Libc;
import io.filament.dataplane.io.linux.NativeCallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A TAP device opened on {@code /dev/net/tun} with {@code IFF_TAP | IFF_NO_PI}: frames are read and written as plain
 * Ethernet, without the 4-byte packet-information prefix. The device lives as long as its file descriptor; it may be
 * moved into another network namespace and renamed there without disturbing the descriptor.
 */
public final class TapDevice implements AutoCloseable {

    /** {@code _IOW('T', 202, int)}. */
    static final long TUNSETIFF = 0x400454caL;
    static final short IFF_TAP = 0x0002;
    static final short IFF_NO_PI = 0x1000;
    private static final int IFREQ_SIZE = 40;
    private static final int IFNAMSIZ = 16;

    private final int fd;
    private final String name;
    private boolean closed;

    private TapDevice(int fd, String name) {
        this.fd = fd;
        this.name = name;
    }

    /** Creates (or attaches to a free persistent) TAP named {@code name}, non-blocking. */
    public static TapDevice create(String name) {
        if (name.isEmpty() || name.length() >= IFNAMSIZ) {
            throw new IllegalArgumentException("tap name '" + name + "' must be 1..15 characters");
        }
        int fd = Libc.open("/dev/net/tun", Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ifr = arena.allocate(IFREQ_SIZE);
            ifr.setString(0, name);
            ifr.set(ValueLayout.JAVA_SHORT, IFNAMSIZ, (short) (IFF_TAP | IFF_NO_PI));
            Libc.ioctl(fd, TUNSETIFF, ifr, "ioctl(TUNSETIFF, " + name + ")");
            return new TapDevice(fd, ifr.getString(0));
        } catch (NativeCallException | IllegalStateException e) {
            Libc.close(fd);
            throw e;
        }
    }

    public String name() {
        return name;
    }

    public int fd() {
        return fd;
    }

    /** Reads one frame into native memory; the frame length, or -1 when none is waiting. */
    public int read(long address, int capacity) {
        return (int) Libc.read(fd, address, capacity);
    }

    /** Writes one frame from native memory; false when the device did not take all of it. */
    public boolean write(long address, int length) {
        return Libc.write(fd, address, length) == length;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Libc.close(fd);
        }
    }

    @Override
    public String toString() {
        return "TapDevice[" + name + " fd=" + fd + "]";
    }
}
