package io.filament.dataplane.io.tap;

import io.filament.dataplane.forward.ForwardingEngine;
import io.filament.dataplane.forward.Forwarder;
import io.filament.dataplane.io.linux.Libc;
import io.filament.dataplane.offload.PartialChecksum;
import io.filament.dataplane.offload.VirtioNetHeader;
import io.filament.dataplane.packet.wire.EthernetHeader;
import io.filament.dataplane.packet.wire.Ipv6Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VM ports: TAP devices by interface index, one reader thread ({@code tap-rx}) that polls every device and
 * feeds the frames it reads into the pipeline in bursts, and the transmit side the pipeline calls (under the
 * forwarding lock). A detached device is closed once the reader no longer polls it.
 *
 * <p>Besides the devices the reader polls an {@code eventfd} that {@link #attach}, {@link #detach} and
 * {@link #close} bump: a new port's first frame (a VM's ARP request right after port-up) is read at once rather
 * than after the reader's idle poll timeout, and a detached device is handed at once to the {@code tap-close}
 * thread, which closes it (and so removes it) without holding up the reader.
 *
 * <p>Devices opened with offloads carry a {@code virtio_net_hdr}: a TCP super-packet read from one goes into the
 * pipeline whole with its segment size, a frame with a partial checksum (and no segmentation) gets its checksum
 * finished here first; on transmit, a super-packet is written whole with a header that lets the kernel segment it.
 */
public final class TapPorts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TapPorts.class);
    /** A TSO super-packet: 65,535 bytes of IP behind Ethernet, with room to spare. */
    private static final int MAX_FRAME = 65536 + 1024;
    private static final int BURST = 64;
    /** How long the reader sleeps in {@code poll(2)} when nothing happens; changes to the set wake it earlier. */
    static final Duration IDLE_POLL = Duration.ofSeconds(1);
    private static final int POLLFD_SIZE = 8;

    private final ForwardingEngine engine;
    private final TapDevice[] byVif;
    private volatile Attached[] attached = new Attached[0];
    private final ConcurrentLinkedQueue<TapDevice> retired = new ConcurrentLinkedQueue<>();
    /** Devices retired so far (guarded by {@code this}) and closed so far (guarded by {@link #closedMonitor}). */
    private long retiredCount;
    private long closedCount;
    private final Object closedMonitor = new Object();
    /**
     * Closes devices the reader no longer polls. Closing a TAP unregisters it, which waits for RCU grace periods
     * (tens of ms on a loaded host): on its own thread that wait stalls neither forwarding nor the control socket.
     */
    private final ExecutorService closer = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("tap-close").daemon(true).unstarted(r));
    private final ByteBuf scratch = Unpooled.directBuffer(VirtioNetHeader.LENGTH + MAX_FRAME);
    private final Thread reader;
    private volatile boolean running = true;
    private final int wakeup = Libc.eventfd(Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC);
    private final MemorySegment one = Arena.ofAuto().allocateFrom(ValueLayout.JAVA_LONG, 1L);
    private final int pollMillis;

    private record Attached(int vif, TapDevice device) {
    }

    public TapPorts(ForwardingEngine engine, int maxInterfaces) {
        this(engine, maxInterfaces, IDLE_POLL);
    }

    TapPorts(ForwardingEngine engine, int maxInterfaces, Duration idlePoll) {
        this.engine = engine;
        this.byVif = new TapDevice[maxInterfaces];
        this.pollMillis = Math.toIntExact(idlePoll.toMillis());
        this.reader = Thread.ofPlatform().name("tap-rx").daemon(true).unstarted(this::readLoop);
    }

    public void start() {
        reader.start();
    }

    /** Makes a device the port of interface {@code vif}; replaces (and retires) a previous one. */
    public synchronized void attach(int vif, TapDevice device) {
        TapDevice old = byVif[vif];
        byVif[vif] = device;
        if (old != null) {
            retire(old);
        }
        publish();
    }

    /** Removes the port of an interface; the device is closed by the reader thread shortly after. */
    public synchronized void detach(int vif) {
        TapDevice old = byVif[vif];
        byVif[vif] = null;
        if (old != null) {
            retire(old);
            publish();
        }
    }

    private void retire(TapDevice device) {
        retiredCount++;
        retired.add(device);
    }

    /**
     * Waits until every device detached or replaced so far is closed, at most {@code timeout}: a new device may
     * then take a detached one's name in the same namespace. Returns whether they all were.
     */
    public boolean awaitRetiredClosed(Duration timeout) throws InterruptedException {
        long target;
        synchronized (this) {
            target = retiredCount;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (closedMonitor) {
            while (closedCount < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(closedMonitor, left);
            }
        }
        return true;
    }

    public synchronized boolean has(int vif) {
        return vif >= 0 && vif < byVif.length && byVif[vif] != null;
    }

    private void publish() {
        List<Attached> list = new ArrayList<>();
        for (int i = 0; i < byVif.length; i++) {
            if (byVif[i] != null) {
                list.add(new Attached(i, byVif[i]));
            }
        }
        attached = list.toArray(new Attached[0]);
        wake();
    }

    /** Makes the reader leave {@code poll(2)} and pick up the current set of devices. */
    private synchronized void wake() {
        Libc.write(wakeup, one.address(), Long.BYTES);
    }

    /**
     * Writes a frame to an interface's TAP; called by the pipeline under the forwarding lock. {@code segmentSize} >
     * 0: a TCP super-packet with a partial checksum, which only a device with offloads takes.
     */
    public boolean send(int vif, ByteBuf buf, int offset, int length, int segmentSize) {
        TapDevice device = vif >= 0 && vif < byVif.length ? byVif[vif] : null;
        if (device == null || length > MAX_FRAME) {
            return false;
        }
        int h = device.vnetHeaderLength();
        if (h == 0 && segmentSize > 0) {
            return false;
        }
        if (buf.hasMemoryAddress() && offset >= h) {
            if (h > 0) {
                writeVnetHeader(buf, offset - h, offset, segmentSize);
            }
            return device.write(buf.memoryAddress() + offset - h, length + h);
        }
        scratch.setBytes(h, buf, offset, length);
        if (h > 0) {
            writeVnetHeader(scratch, 0, h, segmentSize);
        }
        return device.write(scratch.memoryAddress(), length + h);
    }

    private static void writeVnetHeader(ByteBuf buf, int at, int frame, int segmentSize) {
        if (segmentSize == 0) {
            VirtioNetHeader.writeComplete(buf, at);
            return;
        }
        boolean ipv6 = EthernetHeader.etherType(buf, frame) == EthernetHeader.TYPE_IPV6;
        int l3 = frame + EthernetHeader.LENGTH;
        int l4Start = EthernetHeader.LENGTH + (ipv6 ? Ipv6Header.LENGTH : (buf.getUnsignedByte(l3) & 0x0F) * 4);
        int headers = l4Start + (buf.getUnsignedByte(frame + l4Start + 12) >>> 4) * 4;
        VirtioNetHeader.writeTcpSegmentation(buf, at, ipv6, headers, segmentSize, l4Start);
    }

    private void readLoop() {
        ByteBuf frame = Unpooled.directBuffer(Forwarder.HEADROOM + MAX_FRAME);
        long base = frame.memoryAddress() + Forwarder.HEADROOM;
        try (Arena arena = Arena.ofConfined()) {
            Attached[] current = null;
            MemorySegment pollfds = MemorySegment.NULL;
            MemorySegment counter = arena.allocate(Long.BYTES);
            while (running) {
                Attached[] snapshot = attached;
                if (snapshot != current) {
                    current = snapshot;
                    pollfds = pollSet(arena, current);
                    closeRetired();
                }
                int ready = Libc.poll(pollfds.address(), current.length + 1, pollMillis);
                if (ready > 0 && pollfds.get(ValueLayout.JAVA_SHORT, (long) current.length * POLLFD_SIZE + 6) != 0) {
                    Libc.read(wakeup, counter.address(), Long.BYTES);
                }
                for (int i = 0; ready > 0 && i < current.length; i++) {
                    short revents = pollfds.get(ValueLayout.JAVA_SHORT, (long) i * POLLFD_SIZE + 6);
                    if (revents != 0) {
                        drain(current[i], frame, base);
                    }
                }
            }
        } catch (RuntimeException e) {
            log.error("TAP reader stopped", e);
        } finally {
            frame.release();
        }
    }

    /** One {@code struct pollfd} per device, then the wake-up eventfd last. */
    private MemorySegment pollSet(Arena arena, Attached[] ports) {
        MemorySegment pollfds = arena.allocate((long) POLLFD_SIZE * (ports.length + 1));
        for (int i = 0; i <= ports.length; i++) {
            int fd = i < ports.length ? ports[i].device().fd() : wakeup;
            pollfds.set(ValueLayout.JAVA_INT, (long) i * POLLFD_SIZE, fd);
            pollfds.set(ValueLayout.JAVA_SHORT, (long) i * POLLFD_SIZE + 4, Libc.POLLIN);
        }
        return pollfds;
    }

    private void drain(Attached port, ByteBuf frame, long base) {
        int h = port.device().vnetHeaderLength();
        for (int n = 0; n < BURST; n++) {
            int read = port.device().read(base - h, MAX_FRAME + h);
            if (read <= 0) {
                break;
            }
            int length = read - h;
            int segmentSize = 0;
            if (h > 0) {
                int at = Forwarder.HEADROOM - h;
                int gso = VirtioNetHeader.gsoType(frame, at) & ~VirtioNetHeader.GSO_ECN;
                if (gso == VirtioNetHeader.GSO_TCPV4 || gso == VirtioNetHeader.GSO_TCPV6) {
                    segmentSize = VirtioNetHeader.gsoSize(frame, at);
                } else if ((VirtioNetHeader.flags(frame, at) & VirtioNetHeader.FLAG_NEEDS_CSUM) != 0) {
                    PartialChecksum.complete(frame, Forwarder.HEADROOM, length, VirtioNetHeader.checksumStart(frame, at),
                            VirtioNetHeader.checksumOffset(frame, at));
                }
            }
            engine.fromInterface(port.vif(), frame, Forwarder.HEADROOM, length, segmentSize);
        }
        engine.flushTransmit();
    }

    /** Hands the devices the reader has stopped polling to the closing thread. */
    private void closeRetired() {
        for (TapDevice d = retired.poll(); d != null; d = retired.poll()) {
            TapDevice device = d;
            closer.execute(() -> closeNow(device));
        }
    }

    private void closeNow(TapDevice device) {
        try {
            device.close();
            log.info("closed TAP {}", device.name());
        } finally {
            synchronized (closedMonitor) {
                closedCount++;
                closedMonitor.notifyAll();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        wake();
        reader.join(2000);
        synchronized (this) {
            for (int i = 0; i < byVif.length; i++) {
                if (byVif[i] != null) {
                    byVif[i].close();
                    byVif[i] = null;
                }
            }
            attached = new Attached[0];
        }
        closeRetired();
        closer.shutdown();
        if (!closer.awaitTermination(10, TimeUnit.SECONDS)) {
            log.warn("TAP devices still closing after 10 s");
        }
        scratch.release();
        if (!reader.isAlive()) {
            Libc.close(wakeup);
        }
    }
}
