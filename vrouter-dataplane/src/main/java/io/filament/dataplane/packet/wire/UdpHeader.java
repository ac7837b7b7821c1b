package io.filament.dataplane.packet.wire;

import io.netty.buffer.ByteBuf;

/**
 * UDP header (RFC 768).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            Length             |           Checksum            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record UdpHeader(int sourcePort, int destinationPort, int length, int checksum) {

    public static final int LENGTH = 8;
    public static final int PORT_MPLS_OVER_UDP = 6635;
    public static final int PORT_MPLS_OVER_UDP_LEGACY = 51234;
    public static final int PORT_VXLAN = 4789;
    public static final int PORT_DHCP_SERVER = 67;
    public static final int PORT_DHCP_CLIENT = 68;

    public static UdpHeader decode(ByteBuf buf) {
        MalformedPacketException.requireReadable(buf, LENGTH, "udp");
        int at = buf.readerIndex();
        int length = buf.getUnsignedShort(at + 4);
        MalformedPacketException.require(length >= LENGTH && length <= buf.readableBytes(), "udp.length", length,
                "outside 8 .. " + buf.readableBytes());
        UdpHeader h = new UdpHeader(buf.getUnsignedShort(at), buf.getUnsignedShort(at + 2), length,
                buf.getUnsignedShort(at + 6));
        buf.skipBytes(LENGTH);
        return h;
    }

    public void encode(ByteBuf out) {
        out.ensureWritable(LENGTH);
        write(out, out.writerIndex(), sourcePort, destinationPort, length, checksum);
        out.writerIndex(out.writerIndex() + LENGTH);
    }

    public static void write(ByteBuf buf, int at, int sport, int dport, int length, int checksum) {
        buf.setShort(at, sport);
        buf.setShort(at + 2, dport);
        buf.setShort(at + 4, length);
        buf.setShort(at + 6, checksum);
    }

    /**
     * The UDP checksum over an IPv4 pseudo header and the datagram at {@code offset}; a computed zero is sent as
     * 0xFFFF (RFC 768).
     */
    public static int checksumV4(ByteBuf buf, int offset, int length, int src, int dst) {
        int c = InternetChecksum.finish(InternetChecksum.add(buf, offset, length,
                InternetChecksum.pseudoHeaderV4(src, dst, Ipv4Header.PROTO_UDP, length)));
        return c == 0 ? 0xFFFF : c;
    }

    /** The UDP checksum over an IPv6 pseudo header (mandatory in IPv6). */
    public static int checksumV6(ByteBuf buf, int ipv6Offset, int offset, int length) {
        int c = InternetChecksum.finish(InternetChecksum.add(buf, offset, length,
                InternetChecksum.pseudoHeaderV6(buf, ipv6Offset, Ipv4Header.PROTO_UDP, length)));
        return c == 0 ? 0xFFFF : c;
    }
}
