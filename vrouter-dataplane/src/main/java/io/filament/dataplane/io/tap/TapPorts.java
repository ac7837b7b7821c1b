package io.filament.dataplane.io.tap;

import io.filament.dataplane.forward.ForwardingEngine;
import io.filament.dataplane.forward.Forwarder;
import io.filament.dataplane.io.PacketLoop;
import io.filament.dataplane.offload.PartialChecksum;
import io.filament.dataplane.offload.VirtioNetHeader;
import io.filament.dataplane.packet.wire.EthernetHeader;
import io.filament.dataplane.packet.wire.Ipv6Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.unix.FileDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VM ports: TAP devices by interface index, each registered on the {@link PacketLoop} as it is attached, which
 * reads up to a burst of frames from a device whenever it is readable and feeds them into the pipeline; and the
 * transmit side the pipeline calls (under the forwarding lock). A detached device is taken off the loop first and then
 * closed on the {@code tap-close} thread.
 *
 * <p>Devices opened with offloads carry a {@code virtio_net_hdr}: a TCP super-packet read from one goes into the
 * pipeline whole with its segment size, a frame with a partial checksum (and no segmentation) gets its checksum
 * finished here first; on transmit, a super-packet is written whole with a header that lets the kernel segment it.
 */
public final class TapPorts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TapPorts.class);
    /** A TSO super-packet: 65,535 bytes of IP behind Ethernet, with room to spare. */
    private static final int MAX_FRAME = 65536 + 1024;
    /** Frames read from one device per turn of the loop; the loop comes back while it stays readable. */
    private static final int BURST = 64;

    private final ForwardingEngine engine;
    private final IoEventLoop loop;
    /** The attached ports by interface index; written under {@code this}, read by the pipeline without it. */
    private final Port[] byVif;
    /** Devices retired so far (guarded by {@code this}) and closed so far (guarded by {@link #closedMonitor}). */
    private long retiredCount;
    private long closedCount;
    private final Object closedMonitor = new Object();
    /**
     * Closes devices the loop no longer reads. Closing a TAP unregisters it, which waits for RCU grace periods
     * (tens of ms on a loaded host): on its own thread that wait stalls neither forwarding nor the control socket.
     */
    private final ExecutorService closer = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("tap-close").daemon(true).unstarted(r));
    private final ByteBuf scratch = Unpooled.directBuffer(VirtioNetHeader.LENGTH + MAX_FRAME);
    /** Where the loop reads frames into, behind the pipeline's headroom; used on the loop only. */
    private final ByteBuf frame = Unpooled.directBuffer(Forwarder.HEADROOM + MAX_FRAME);
    private final long frameBase = frame.memoryAddress() + Forwarder.HEADROOM;

    /** One attached device as the loop sees it. {@link #registration} and {@link #retired} are loop-confined. */
    private final class Port implements EpollIoHandle {
        private final int vif;
        private final TapDevice device;
        private final FileDescriptor fd;
        private IoRegistration registration;
        private boolean retired;

        Port(int vif, TapDevice device) {
            this.vif = vif;
            this.device = device;
            this.fd = new FileDescriptor(device.fd());
        }

        @Override
        public FileDescriptor fd() {
            return fd;
        }

        @Override
        public void handle(IoRegistration registration, IoEvent event) {
            if (((EpollIoEvent) event).ops().contains(EpollIoOps.EPOLLERR)) {
                // The device is gone under its descriptor (e.g. its namespace was deleted): stop polling it.
                log.warn("TAP {} of interface {} reports an error; no longer read", device.name(), vif);
                registration.submit(EpollIoOps.NONE);
                return;
            }
            drain(this);
        }

        @Override
        public void close() {
            // The device is closed by retire() or TapPorts.close(), never by the loop.
        }
    }

    public TapPorts(ForwardingEngine engine, int maxInterfaces, PacketLoop loop) {
        this.engine = engine;
        this.byVif = new Port[maxInterfaces];
        this.loop = loop.loop();
    }

    /** Makes a device the port of interface {@code vif}; replaces (and retires) a previous one. */
    public synchronized void attach(int vif, TapDevice device) {
        Port old = byVif[vif];
        Port port = new Port(vif, device);
        byVif[vif] = port;
        if (old != null) {
            retire(old);
        }
        loop.register(port).addListener(f -> {
            if (!f.isSuccess()) {
                log.error("TAP {} of interface {} could not be polled", device.name(), vif, f.cause());
                return;
            }
            port.registration = (IoRegistration) f.getNow();
            if (port.retired) {
                port.registration.cancel();
            } else {
                port.registration.submit(EpollIoOps.EPOLLIN);
            }
        });
    }

    /** Removes the port of an interface; the device is closed shortly after. */
    public synchronized void detach(int vif) {
        Port old = byVif[vif];
        byVif[vif] = null;
        if (old != null) {
            retire(old);
        }
    }

    /** Takes a port off the loop (in the loop's order, after its registration) and then has it closed. */
    private void retire(Port port) {
        retiredCount++;
        loop.execute(() -> {
            port.retired = true;
            if (port.registration != null) {
                port.registration.cancel();
            }
            closer.execute(() -> closeNow(port.device));
        });
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

    /**
     * Writes a frame to an interface's TAP; called by the pipeline under the forwarding lock. {@code segmentSize} >
     * 0: a TCP super-packet with a partial checksum, which only a device with offloads takes.
     */
    public boolean send(int vif, ByteBuf buf, int offset, int length, int segmentSize) {
        Port port = vif >= 0 && vif < byVif.length ? byVif[vif] : null;
        if (port == null || length > MAX_FRAME) {
            return false;
        }
        TapDevice device = port.device;
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

    /** Reads up to a burst of frames from a port into the pipeline; on the loop. */
    private void drain(Port port) {
        int h = port.device.vnetHeaderLength();
        for (int n = 0; n < BURST; n++) {
            int read = port.device.read(frameBase - h, MAX_FRAME + h);
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
            engine.fromInterface(port.vif, frame, Forwarder.HEADROOM, length, segmentSize);
        }
        engine.flushTransmit();
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

    /**
     * Takes every port off the loop and closes every device; call before the loop itself is closed. Waits up to ten
     * seconds for the closing thread.
     */
    @Override
    public void close() throws InterruptedException {
        List<Port> ports = new ArrayList<>();
        synchronized (this) {
            for (int i = 0; i < byVif.length; i++) {
                if (byVif[i] != null) {
                    ports.add(byVif[i]);
                    byVif[i] = null;
                }
            }
        }
        if (!loop.isShuttingDown()) {
            loop.submit(() -> ports.forEach(p -> {
                p.retired = true;
                if (p.registration != null) {
                    p.registration.cancel();
                }
            })).await(2, TimeUnit.SECONDS);
        }
        ports.forEach(p -> p.device.close());
        closer.shutdown();
        if (!closer.awaitTermination(10, TimeUnit.SECONDS)) {
            log.warn("TAP devices still closing after 10 s");
        }
        scratch.release();
        frame.release();
    }
}
