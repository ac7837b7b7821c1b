package io.filament.dataplane.offload;

import io.filament.dataplane.packet.wire.InternetChecksum;
import io.filament.dataplane.packet.wire.Ipv4Header;
import io.filament.dataplane.packet.wire.Ipv6Header;
import io.filament.dataplane.packet.wire.TcpHeader;
import io.netty.buffer.ByteBuf;

/**
 * Software TCP segmentation of a super-packet (a TSO frame from a TAP) for the fabric: the packet is cut into
 * segments of at most {@code mss} payload bytes, each a complete, standard TCP/IP packet behind a copy of the
 * encapsulation bytes in front of it (MPLS label, or VXLAN header and inner Ethernet), written back to back:
 *
 * <pre>
 * [prefix | IP | TCP | mss bytes] [prefix | IP | TCP | mss bytes] ... [prefix | IP | TCP | rest]
 * </pre>
 *
 * so that one {@code UDP_SEGMENT} send turns the run into one datagram per segment. Per segment: IPv4 total length,
 * identification (+1 each) and header checksum, or the IPv6 payload length; TCP sequence number, FIN/PSH only on the
 * last segment, CWR only on the first, and the full TCP checksum. Not thread-safe: one per sending thread.
 */
public final class TcpSegmenter {

    private static final int CWR = 0x80;
    private static final int NOT_LAST = ~(TcpHeader.FIN | TcpHeader.PSH) & 0xFF;
    private static final int MORE_FRAGMENTS_OR_OFFSET = 0x3FFF;

    private int stride;
    private int bytes;

    /**
     * Segments the TCP packet at {@code l3} ({@code l3Length} bytes of IPv4 or IPv6) whose encapsulation starts at
     * {@code prefix} (≤ {@code l3}) into {@code out} from {@code outOffset}.
     *
     * @return the number of segments, or -1 when the packet is not a segmentable TCP packet or does not fit
     */
    public int segment(ByteBuf src, int prefix, int l3, int l3Length, int mss, ByteBuf out, int outOffset) {
        if (mss <= 0 || l3Length < Ipv4Header.MIN_LENGTH + TcpHeader.MIN_LENGTH) {
            return -1;
        }
        int version = src.getUnsignedByte(l3) >>> 4;
        int ipHeader;
        if (version == 4) {
            ipHeader = (src.getUnsignedByte(l3) & 0x0F) * 4;
            if (ipHeader < Ipv4Header.MIN_LENGTH
                    || src.getUnsignedByte(l3 + Ipv4Header.OFFSET_PROTOCOL) != Ipv4Header.PROTO_TCP
                    || (src.getUnsignedShort(l3 + Ipv4Header.OFFSET_FLAGS_FRAGMENT) & MORE_FRAGMENTS_OR_OFFSET) != 0) {
                return -1;
            }
        } else if (version == 6) {
            ipHeader = Ipv6Header.LENGTH;
            if (src.getUnsignedByte(l3 + Ipv6Header.OFFSET_NEXT_HEADER) != Ipv4Header.PROTO_TCP) {
                return -1;
            }
        } else {
            return -1;
        }
        int tcp = l3 + ipHeader;
        if (ipHeader + TcpHeader.MIN_LENGTH > l3Length) {
            return -1;
        }
        int tcpHeader = (src.getUnsignedByte(tcp + 12) >>> 4) * 4;
        if (tcpHeader < TcpHeader.MIN_LENGTH || ipHeader + tcpHeader > l3Length) {
            return -1;
        }
        int prefixLength = l3 - prefix;
        int headers = prefixLength + ipHeader + tcpHeader;
        int payload = l3Length - ipHeader - tcpHeader;
        int count = payload == 0 ? 1 : (payload + mss - 1) / mss;
        if ((long) count * headers + payload > out.capacity() - outOffset) {
            return -1;
        }
        long sequence = src.getUnsignedInt(tcp + 4);
        int flags = src.getUnsignedByte(tcp + TcpHeader.OFFSET_FLAGS);
        int id = version == 4 ? src.getUnsignedShort(l3 + 4) : 0;
        int at = outOffset;
        int from = tcp + tcpHeader;
        for (int i = 0; i < count; i++) {
            int chunk = Math.min(mss, payload - i * mss);
            out.setBytes(at, src, prefix, headers);
            out.setBytes(at + headers, src, from, chunk);
            int ip = at + prefixLength;
            int th = ip + ipHeader;
            int tcpLength = tcpHeader + chunk;
            long pseudo;
            if (version == 4) {
                out.setShort(ip + Ipv4Header.OFFSET_TOTAL_LENGTH, ipHeader + tcpLength);
                out.setShort(ip + 4, id + i);
                out.setShort(ip + Ipv4Header.OFFSET_CHECKSUM, 0);
                out.setShort(ip + Ipv4Header.OFFSET_CHECKSUM, InternetChecksum.compute(out, ip, ipHeader));
                pseudo = InternetChecksum.pseudoHeaderV4(out.getInt(ip + Ipv4Header.OFFSET_SRC),
                        out.getInt(ip + Ipv4Header.OFFSET_DST), Ipv4Header.PROTO_TCP, tcpLength);
            } else {
                out.setShort(ip + Ipv6Header.OFFSET_PAYLOAD_LENGTH, tcpLength);
                pseudo = InternetChecksum.pseudoHeaderV6(out, ip, Ipv4Header.PROTO_TCP, tcpLength);
            }
            out.setInt(th + 4, (int) (sequence + (long) i * mss));
            int f = i < count - 1 ? flags & NOT_LAST : flags;
            out.setByte(th + TcpHeader.OFFSET_FLAGS, i > 0 ? f & ~CWR : f);
            out.setShort(th + 16, 0);
            out.setShort(th + 16, InternetChecksum.finish(InternetChecksum.add(out, th, tcpLength, pseudo)));
            at += headers + chunk;
            from += chunk;
        }
        stride = headers + mss;
        bytes = at - outOffset;
        return count;
    }

    /** Bytes from one segment's start to the next's in the last {@link #segment} result. */
    public int stride() {
        return stride;
    }

    /** Bytes written by the last {@link #segment}. */
    public int bytes() {
        return bytes;
    }
}
