package io.filament.dataplane.io;

import io.filament.dataplane.forward.PacketIo;
import io.filament.dataplane.io.fabric.FabricSockets;
import io.filament.dataplane.io.tap.TapPorts;
import io.filament.dataplane.offload.TcpSegmenter;
import io.filament.dataplane.packet.wire.EthernetHeader;
import io.filament.dataplane.packet.wire.Ipv4Header;
import io.filament.dataplane.packet.wire.MplsLabelEntry;
import io.filament.dataplane.packet.wire.UdpHeader;
import io.filament.dataplane.packet.wire.VxlanHeader;
import io.filament.dataplane.table.Vif;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Packet I/O of a real host: VM interfaces are TAP devices, the fabric is a set of UDP sockets. The pipeline hands
 * over complete outer IPv4 packets; the UDP payload after the outer headers is what goes to the socket, from the
 * socket whose port the pipeline chose as the entropy source port.
 *
 * <p>A TCP super-packet bound for the fabric is cut here ({@link TcpSegmenter}) into standard encapsulated segments
 * — each with its own MPLS label or VXLAN header and a complete inner TCP/IP packet — and sent with UDP GSO, at most
 * 64 datagrams and 65,507 bytes per system call. If the kernel refuses a GSO send (e.g. a segment larger than the
 * path MTU), the segments go one by one.
 *
 * <p>Ordinary datagrams are batched the same way: consecutive ones from the same socket to the same destination
 * whose size does not grow (a shorter one ends the run) are collected and sent with one {@code UDP_SEGMENT}
 * {@code sendmsg} at the end of the receive burst ({@link #flush()}) — a burst of small packets of one flow costs
 * one system call instead of one per packet. A lone datagram goes out as it is, at the same point.
 */
public final class HostPacketIo implements PacketIo {

    private static final int OUTER = Ipv4Header.MIN_LENGTH + UdpHeader.LENGTH;
    private static final int MAX_SEGMENTS_PER_SEND = 64;
    private static final int MAX_UDP_PAYLOAD = 65507;

    private volatile TapPorts taps;
    private final FabricSockets fabric;
    private final TcpSegmenter segmenter = new TcpSegmenter();
    private final ByteBuf segments = Unpooled.directBuffer(2 * 65536);
    private final ByteBuf batch = Unpooled.directBuffer(MAX_UDP_PAYLOAD);
    private int batchSourcePort;
    private int batchRemote;
    private int batchPort;
    private int batchSize;
    private int batchCount;
    private int batchBytes;
    private int failedEarlier;

    public HostPacketIo(FabricSockets fabric) {
        this.fabric = fabric;
    }

    /** Set once the ports exist (they need the engine, which needs this I/O). */
    public void useTaps(TapPorts ports) {
        this.taps = ports;
    }

    @Override
    public boolean sendToInterface(Vif vif, ByteBuf buf, int offset, int length, int segmentSize) {
        TapPorts ports = taps;
        return ports != null && ports.send(vif.index(), buf, offset, length, segmentSize);
    }

    @Override
    public int entropyPort(int flowHash) {
        return fabric.port(flowHash);
    }

    @Override
    public boolean sendToFabric(int remote, ByteBuf buf, int offset, int length, int segmentSize) {
        int sourcePort = buf.getUnsignedShort(offset + Ipv4Header.MIN_LENGTH);
        int port = buf.getUnsignedShort(offset + Ipv4Header.MIN_LENGTH + 2);
        int payload = offset + OUTER;
        int payloadLength = length - OUTER;
        if (segmentSize == 0) {
            return batch(sourcePort, remote, port, buf, payload, payloadLength);
        }
        failedEarlier += sendBatch();
        int prefix = port == UdpHeader.PORT_VXLAN ? VxlanHeader.LENGTH + EthernetHeader.LENGTH : MplsLabelEntry.LENGTH;
        int count = segmenter.segment(buf, payload, payload + prefix, payloadLength - prefix, segmentSize, segments, 0);
        if (count < 0) {
            return false;
        }
        int stride = segmenter.stride();
        int perSend = Math.min(MAX_SEGMENTS_PER_SEND, MAX_UDP_PAYLOAD / stride);
        if (perSend == 0) {
            return false;
        }
        boolean all = true;
        for (int first = 0; first < count; first += perSend) {
            int n = Math.min(perSend, count - first);
            int start = first * stride;
            int bytes = first + n >= count ? segmenter.bytes() - start : n * stride;
            long address = segments.memoryAddress() + start;
            if (!fabric.send(sourcePort, remote, port, address, bytes, n > 1 ? stride : 0)) {
                all &= sendOneByOne(sourcePort, remote, port, address, bytes, stride);
            }
        }
        return all;
    }

    private boolean batch(int sourcePort, int remote, int port, ByteBuf buf, int payload, int length) {
        if (batchCount > 0 && (sourcePort != batchSourcePort || remote != batchRemote || port != batchPort
                || length > batchSize || batchBytes + length > MAX_UDP_PAYLOAD
                || batchCount == MAX_SEGMENTS_PER_SEND)) {
            failedEarlier += sendBatch();
        }
        if (length > MAX_UDP_PAYLOAD) {
            return false;
        }
        if (batchCount == 0) {
            batchSourcePort = sourcePort;
            batchRemote = remote;
            batchPort = port;
            batchSize = length;
        }
        batch.setBytes(batchBytes, buf, payload, length);
        batchBytes += length;
        batchCount++;
        if (length < batchSize) {
            failedEarlier += sendBatch();
        }
        return true;
    }

    /** Sends the batched datagrams; the number that could not be sent. */
    private int sendBatch() {
        if (batchCount == 0) {
            return 0;
        }
        int failed = 0;
        long address = batch.memoryAddress();
        if (!fabric.send(batchSourcePort, batchRemote, batchPort, address, batchBytes, batchCount > 1 ? batchSize : 0)) {
            if (batchCount == 1) {
                failed = 1;
            } else {
                for (int at = 0; at < batchBytes; at += batchSize) {
                    if (!fabric.send(batchSourcePort, batchRemote, batchPort, address + at,
                            Math.min(batchSize, batchBytes - at), 0)) {
                        failed++;
                    }
                }
            }
        }
        batchCount = 0;
        batchBytes = 0;
        return failed;
    }

    @Override
    public int flush() {
        int failed = failedEarlier + sendBatch();
        failedEarlier = 0;
        return failed;
    }

    private boolean sendOneByOne(int sourcePort, int remote, int port, long address, int bytes, int stride) {
        boolean all = true;
        for (int at = 0; at < bytes; at += stride) {
            all &= fabric.send(sourcePort, remote, port, address + at, Math.min(stride, bytes - at), 0);
        }
        return all;
    }
}
