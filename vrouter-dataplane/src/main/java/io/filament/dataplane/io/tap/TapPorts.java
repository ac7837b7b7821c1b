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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VM ports: TAP devices by interface index, one reader thread ({@code tap-rx}) that polls every device and
 * feeds the frames it reads into the pipeline in bursts, and the transmit side the pipeline calls (under the
 * forwarding lock). A detached device is closed by the reader thread once it no longer polls it.
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
    private static final int POLL_MILLIS = 20;
    private static final int POLLFD_SIZE = 8;

    private final ForwardingEngine engine;
    private final TapDevice[] byVif;
    private volatile Attached[] attached = new Attached[0];
    private final ConcurrentLinkedQueue<TapDevice> retired = new ConcurrentLinkedQueue<>();
    private final ByteBuf scratch = Unpooled.directBuffer(VirtioNetHeader.LENGTH + MAX_FRAME);
    private final Thread reader;
    private volatile boolean running = true;

    private record Attached(int vif, TapDevice device) {
    }

    public TapPorts(ForwardingEngine engine, int maxInterfaces) {
        this.engine = engine;
        this.byVif = new TapDevice[maxInterfaces];
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
            retired.add(old);
        }
        publish();
    }

    /** Removes the port of an interface; the device is closed by the reader thread shortly after. */
    public synchronized void detach(int vif) {
        TapDevice old = byVif[vif];
        byVif[vif] = null;
        if (old != null) {
            retired.add(old);
            publish();
        }
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
            while (running) {
                Attached[] snapshot = attached;
                if (snapshot != current) {
                    current = snapshot;
                    pollfds = arena.allocate((long) POLLFD_SIZE * Math.max(1, current.length));
                    for (int i = 0; i < current.length; i++) {
                        pollfds.set(ValueLayout.JAVA_INT, (long) i * POLLFD_SIZE, current[i].device().fd());
                        pollfds.set(ValueLayout.JAVA_SHORT, (long) i * POLLFD_SIZE + 4, Libc.POLLIN);
                    }
                    closeRetired();
                }
                int ready = Libc.poll(pollfds.address(), current.length, POLL_MILLIS);
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

    private void closeRetired() {
        for (TapDevice d = retired.poll(); d != null; d = retired.poll()) {
            d.close();
            log.info("closed TAP {}", d.name());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
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
        scratch.release();
    }
}
