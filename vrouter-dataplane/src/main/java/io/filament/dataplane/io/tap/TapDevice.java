package io.filament.dataplane.io.tap;

import io.filament.dataplane.io.linux.Libc;
import io.filament.dataplane.io.linux.NativeCallException;
import io.filament.dataplane.offload.VirtioNetHeader;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A TAP device opened on {@code /dev/net/tun} with {@code IFF_TAP | IFF_NO_PI}: frames are read and written as plain
 * Ethernet, without the 4-byte packet-information prefix. The device lives as long as its file descriptor, in the
 * network namespace {@code /dev/net/tun} was opened in (see {@link PortPlacement}); the descriptor works from any.
 *
 * <p>{@link #createWithOffloads} adds {@code IFF_VNET_HDR} and {@code TUNSETOFFLOAD(TUN_F_CSUM | TUN_F_TSO4 |
 * TUN_F_TSO6)}: every frame read or written is then preceded by a {@code virtio_net_hdr}
 * ({@link io.filament.dataplane.offload.VirtioNetHeader}), the kernel hands over TCP super-packets of up to 64 KiB
 * with partial checksums, and takes the same in the other direction.
 */
public final class TapDevice implements AutoCloseable {

    /** {@code _IOW('T', 202, int)}. */
    static final long TUNSETIFF = 0x400454caL;
    static final short IFF_TAP = 0x0002;
    static final short IFF_NO_PI = 0x1000;
    static final short IFF_VNET_HDR = 0x4000;
    /** Fail with {@code EBUSY} instead of attaching when a device of that name exists. */
    static final short IFF_TUN_EXCL = (short) 0x8000;
    /** {@code _IOW('T', 208, unsigned int)}. */
    static final long TUNSETOFFLOAD = 0x400454d0L;
    static final int TUN_F_CSUM = 0x01;
    static final int TUN_F_TSO4 = 0x02;
    static final int TUN_F_TSO6 = 0x04;
    private static final int IFREQ_SIZE = 40;
    private static final int IFNAMSIZ = 16;

    private final int fd;
    private final String name;
    private final int vnetHeaderLength;
    private boolean closed;

    private TapDevice(int fd, String name, int vnetHeaderLength) {
        this.fd = fd;
        this.name = name;
        this.vnetHeaderLength = vnetHeaderLength;
    }

    /** Creates (or attaches to a free persistent) TAP named {@code name}, non-blocking, plain Ethernet frames. */
    public static TapDevice create(String name) {
        return open(name, false, false);
    }

    /** Creates a TAP that exchanges TCP super-packets and partial checksums behind a {@code virtio_net_hdr}. */
    public static TapDevice createWithOffloads(String name) {
        return open(name, true, false);
    }

    /**
     * Creates a new TAP in the calling thread's network namespace, never attaching to an existing device of that
     * name ({@code IFF_TUN_EXCL}: {@code EBUSY} instead); with or without offloads.
     */
    public static TapDevice createNew(String name, boolean offloads) {
        return open(name, offloads, true);
    }

    private static TapDevice open(String name, boolean offloads, boolean exclusive) {
        if (name.isEmpty() || name.length() >= IFNAMSIZ) {
            throw new IllegalArgumentException("tap name '" + name + "' must be 1..15 characters");
        }
        int fd = Libc.open("/dev/net/tun", Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ifr = arena.allocate(IFREQ_SIZE);
            ifr.setString(0, name);
            short flags = (short) (IFF_TAP | IFF_NO_PI | (offloads ? IFF_VNET_HDR : 0) | (exclusive ? IFF_TUN_EXCL : 0));
            ifr.set(ValueLayout.JAVA_SHORT, IFNAMSIZ, flags);
            Libc.ioctl(fd, TUNSETIFF, ifr, "ioctl(TUNSETIFF, " + name + ")");
            if (offloads) {
                Libc.ioctl(fd, TUNSETOFFLOAD, TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6,
                        "ioctl(TUNSETOFFLOAD, " + name + ")");
            }
            return new TapDevice(fd, ifr.getString(0), offloads ? VirtioNetHeader.LENGTH : 0);
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

    /** Bytes of {@code virtio_net_hdr} in front of every frame: 10 with offloads, else 0. */
    public int vnetHeaderLength() {
        return vnetHeaderLength;
    }

    /** Reads one frame (behind its virtio header, if any) into native memory; the length read, or -1 when none. */
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
