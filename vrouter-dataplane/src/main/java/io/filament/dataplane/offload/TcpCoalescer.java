package io.filament.dataplane.offload;

import io.filament.dataplane.forward.Forwarder;
import io.filament.dataplane.packet.wire.EthernetHeader;
import io.filament.dataplane.packet.wire.InternetChecksum;
import io.filament.dataplane.packet.wire.Ipv4Header;
import io.filament.dataplane.packet.wire.Ipv6Header;
import io.filament.dataplane.packet.wire.MplsLabelEntry;
import io.filament.dataplane.packet.wire.TcpHeader;
import io.filament.dataplane.packet.wire.UdpHeader;
import io.filament.dataplane.packet.wire.VxlanHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Receive-side coalescing of overlay datagrams (software GRO): consecutive datagrams of one fabric port that carry
 * in-order segments of the same TCP connection behind identical encapsulation are merged into one super-packet,
 * which the pipeline forwards once and the TAP takes in one write (the VM's kernel accepts it as a GSO packet with
 * a partial checksum). Everything else passes through one datagram at a time, in arrival order.
 *
 * <p>A segment joins the pending packet when: same sender (address and UDP port); identical encapsulation bytes,
 * IP header (apart from lengths, identification and checksum), ports, acknowledgment number and TCP options; its
 * sequence number continues the pending one; flags ACK or ACK|PSH only; its payload is not larger than the first
 * segment's and no earlier one was shorter; the result stays within 65,535 bytes of IP. A PSH segment ends the
 * packet, as does {@link #flush()} (end of a receive batch). A packet of more than one segment has its IP length
 * and header checksum rewritten, the newest window, PSH if the last segment had it, and the pseudo-header sum in
 * the TCP checksum field, with the segment size passed along.
 *
 * <p>Not thread-safe: one per receiving socket, used by its event-loop thread.
 */
public final class TcpCoalescer implements AutoCloseable {

    /** Where frames go: the pipeline's fabric entry. {@code segmentSize} is 0 for a single datagram. */
    @FunctionalInterface
    public interface Sink {
        void accept(int source, int port, ByteBuf buf, int offset, int length, int segmentSize);
    }

    private static final int MAX_IP = 65535;
    private static final int MERGEABLE_FLAGS = TcpHeader.ACK;
    private static final int MAX_DATAGRAM = 65535;

    private final int port;
    private final int prefix;
    private final Sink sink;
    private final ByteBuf work = Unpooled.directBuffer(Forwarder.HEADROOM + MAX_DATAGRAM + Forwarder.HEADROOM);

    private boolean pending;
    private int source;
    private int sourcePort;
    private int length;
    private boolean ipv6;
    private int ipHeader;
    private int tcpHeader;
    private int segmentPayload;
    private int lastPayload;
    private int segments;
    private long nextSequence;

    /** @param port the fabric port (6635 MPLS over UDP or 4789 VXLAN) the datagrams arrive on */
    public TcpCoalescer(int port, Sink sink) {
        this.port = port;
        this.prefix = port == UdpHeader.PORT_VXLAN ? VxlanHeader.LENGTH + EthernetHeader.LENGTH : MplsLabelEntry.LENGTH;
        this.sink = sink;
    }

    /** One UDP payload from {@code source} (IPv4 address) port {@code sourcePort}. */
    public void offer(int source, int sourcePort, ByteBuf content, int from, int datagramLength) {
        int n = Math.min(datagramLength, MAX_DATAGRAM);
        if (pending && continues(source, sourcePort, content, from, n)) {
            append(content, from, n);
            return;
        }
        flush();
        work.setBytes(Forwarder.HEADROOM, content, from, n);
        if (startable(n)) {
            pending = true;
            this.source = source;
            this.sourcePort = sourcePort;
            length = n;
            segments = 1;
            segmentPayload = n - prefix - ipHeader - tcpHeader;
            lastPayload = segmentPayload;
            nextSequence = (tcpSequence(work, Forwarder.HEADROOM) + segmentPayload) & 0xFFFF_FFFFL;
            if ((tcpFlags(work, Forwarder.HEADROOM) & TcpHeader.PSH) != 0) {
                flush();
            }
        } else {
            sink.accept(source, port, work, Forwarder.HEADROOM, n, 0);
        }
    }

    /** Hands the pending packet, if any, to the sink. */
    public void flush() {
        if (!pending) {
            return;
        }
        pending = false;
        int base = Forwarder.HEADROOM;
        if (segments == 1) {
            sink.accept(source, port, work, base, length, 0);
            return;
        }
        int ip = base + prefix;
        int th = ip + ipHeader;
        int tcpLength = length - prefix - ipHeader;
        long pseudo;
        if (ipv6) {
            work.setShort(ip + Ipv6Header.OFFSET_PAYLOAD_LENGTH, tcpLength);
            pseudo = InternetChecksum.pseudoHeaderV6(work, ip, Ipv4Header.PROTO_TCP, tcpLength);
        } else {
            work.setShort(ip + Ipv4Header.OFFSET_TOTAL_LENGTH, ipHeader + tcpLength);
            work.setShort(ip + Ipv4Header.OFFSET_CHECKSUM, 0);
            work.setShort(ip + Ipv4Header.OFFSET_CHECKSUM, InternetChecksum.compute(work, ip, ipHeader));
            pseudo = InternetChecksum.pseudoHeaderV4(work.getInt(ip + Ipv4Header.OFFSET_SRC),
                    work.getInt(ip + Ipv4Header.OFFSET_DST), Ipv4Header.PROTO_TCP, tcpLength);
        }
        work.setShort(th + 16, InternetChecksum.fold(pseudo));
        sink.accept(source, port, work, base, length, segmentPayload);
    }

    /** Whether the datagram now in the work buffer can begin a packet; sets the header lengths if so. */
    private boolean startable(int n) {
        int base = Forwarder.HEADROOM;
        if (n < prefix + Ipv4Header.MIN_LENGTH + TcpHeader.MIN_LENGTH || !encapsulationUsable(base)) {
            return false;
        }
        int ip = base + prefix;
        int version = work.getUnsignedByte(ip) >>> 4;
        ipv6 = version == 6;
        if (version == 4) {
            ipHeader = (work.getUnsignedByte(ip) & 0x0F) * 4;
            if (ipHeader < Ipv4Header.MIN_LENGTH
                    || work.getUnsignedByte(ip + Ipv4Header.OFFSET_PROTOCOL) != Ipv4Header.PROTO_TCP
                    || (work.getUnsignedShort(ip + Ipv4Header.OFFSET_FLAGS_FRAGMENT) & 0x3FFF) != 0
                    || work.getUnsignedShort(ip + Ipv4Header.OFFSET_TOTAL_LENGTH) != n - prefix) {
                return false;
            }
        } else if (version == 6) {
            ipHeader = Ipv6Header.LENGTH;
            if (work.getUnsignedByte(ip + Ipv6Header.OFFSET_NEXT_HEADER) != Ipv4Header.PROTO_TCP
                    || Ipv6Header.LENGTH + work.getUnsignedShort(ip + Ipv6Header.OFFSET_PAYLOAD_LENGTH) != n - prefix) {
                return false;
            }
        } else {
            return false;
        }
        int th = ip + ipHeader;
        if (prefix + ipHeader + TcpHeader.MIN_LENGTH > n) {
            return false;
        }
        tcpHeader = (work.getUnsignedByte(th + 12) >>> 4) * 4;
        int payload = n - prefix - ipHeader - tcpHeader;
        return tcpHeader >= TcpHeader.MIN_LENGTH && payload > 0
                && (tcpFlags(work, base) & ~TcpHeader.PSH) == MERGEABLE_FLAGS;
    }

    private boolean encapsulationUsable(int base) {
        if (port == UdpHeader.PORT_VXLAN) {
            int type = work.getUnsignedShort(base + VxlanHeader.LENGTH + EthernetHeader.OFFSET_TYPE);
            return (work.getUnsignedByte(base) & VxlanHeader.FLAG_I) != 0
                    && (type == EthernetHeader.TYPE_IPV4 || type == EthernetHeader.TYPE_IPV6);
        }
        return MplsLabelEntry.isBottomOfStack(work, base);
    }

    private boolean continues(int src, int srcPort, ByteBuf c, int from, int n) {
        int payload = n - prefix - ipHeader - tcpHeader;
        if (src != source || srcPort != sourcePort || payload <= 0 || payload > segmentPayload
                || lastPayload != segmentPayload || length + payload > work.capacity() - Forwarder.HEADROOM
                || length - prefix + payload > MAX_IP) {
            return false;
        }
        int base = Forwarder.HEADROOM;
        int ip = prefix;
        int th = ip + ipHeader;
        if (!same(c, from, base, 0, prefix)) {
            return false;
        }
        if (!ipv6) {
            if (!same(c, from, base, ip, 2) || !same(c, from, base, ip + 6, 4)
                    || !same(c, from, base, ip + 12, ipHeader - 12)
                    || c.getUnsignedShort(from + ip + Ipv4Header.OFFSET_TOTAL_LENGTH) != n - prefix) {
                return false;
            }
        } else if (!same(c, from, base, ip, 4) || !same(c, from, base, ip + 6, Ipv6Header.LENGTH - 6)
                || Ipv6Header.LENGTH + c.getUnsignedShort(from + ip + Ipv6Header.OFFSET_PAYLOAD_LENGTH) != n - prefix) {
            return false;
        }
        return (c.getUnsignedByte(from + th + 12) >>> 4) * 4 == tcpHeader
                && same(c, from, base, th, 4)
                && c.getUnsignedInt(from + th + 4) == nextSequence
                && same(c, from, base, th + 8, 4)
                && (c.getUnsignedByte(from + th + TcpHeader.OFFSET_FLAGS) & ~TcpHeader.PSH) == MERGEABLE_FLAGS
                && same(c, from, base, th + 18, tcpHeader - 18);
    }

    /** Compares {@code n} bytes at {@code at} of the datagram and of the pending packet (absolute indices). */
    private boolean same(ByteBuf c, int from, int base, int at, int n) {
        int a = from + at;
        int b = base + at;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            if (c.getLong(a + i) != work.getLong(b + i)) {
                return false;
            }
        }
        for (; i < n; i++) {
            if (c.getByte(a + i) != work.getByte(b + i)) {
                return false;
            }
        }
        return true;
    }

    private void append(ByteBuf c, int from, int n) {
        int headers = prefix + ipHeader + tcpHeader;
        int payload = n - headers;
        int base = Forwarder.HEADROOM;
        work.setBytes(base + length, c, from + headers, payload);
        length += payload;
        segments++;
        lastPayload = payload;
        nextSequence = (nextSequence + payload) & 0xFFFF_FFFFL;
        int th = base + prefix + ipHeader;
        work.setShort(th + 14, c.getUnsignedShort(from + prefix + ipHeader + 14));
        if ((c.getUnsignedByte(from + prefix + ipHeader + TcpHeader.OFFSET_FLAGS) & TcpHeader.PSH) != 0) {
            work.setByte(th + TcpHeader.OFFSET_FLAGS, work.getUnsignedByte(th + TcpHeader.OFFSET_FLAGS) | TcpHeader.PSH);
            flush();
        }
    }

    private long tcpSequence(ByteBuf buf, int base) {
        return buf.getUnsignedInt(base + prefix + ipHeader + 4);
    }

    private int tcpFlags(ByteBuf buf, int base) {
        return buf.getUnsignedByte(base + prefix + ipHeader + TcpHeader.OFFSET_FLAGS);
    }

    @Override
    public void close() {
        work.release();
    }
}
