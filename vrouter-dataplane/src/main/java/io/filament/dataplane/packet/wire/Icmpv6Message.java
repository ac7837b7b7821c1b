package io.filament.dataplane.packet.wire;

import io.netty.buffer.ByteBuf;

/**
 * ICMPv6 (RFC 4443) header; the checksum covers the IPv6 pseudo header, so decode and encode take the offset of
 * the enclosing IPv6 header.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Message body (first 32 bits)              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record Icmpv6Message(int type, int code, int checksum, int restOfHeader) {

    public static final int HEADER_LENGTH = 8;
    public static final int ECHO_REQUEST = 128;
    public static final int ECHO_REPLY = 129;
    public static final int NEIGHBOR_SOLICITATION = 135;
    public static final int NEIGHBOR_ADVERTISEMENT = 136;

    /** Decodes the message of {@code length} bytes at the reader index, verifying the checksum. */
    public static Icmpv6Message decode(ByteBuf buf, int ipv6Offset, int length) {
        MalformedPacketException.requireReadable(buf, HEADER_LENGTH, "icmpv6");
        MalformedPacketException.require(length >= HEADER_LENGTH && length <= buf.readableBytes(), "icmpv6.length",
                length, "outside 8 .. " + buf.readableBytes());
        int at = buf.readerIndex();
        int checksum = buf.getUnsignedShort(at + 2);
        MalformedPacketException.require(checksum(buf, ipv6Offset, at, length) == 0, "icmpv6.checksum",
                checksum, "does not verify");
        Icmpv6Message m = new Icmpv6Message(buf.getUnsignedByte(at), buf.getUnsignedByte(at + 1), checksum,
                buf.getInt(at + 4));
        buf.skipBytes(HEADER_LENGTH);
        return m;
    }

    /** Computes the checksum of the message at {@code offset} and stores it in place. */
    public static void fillChecksum(ByteBuf buf, int ipv6Offset, int offset, int length) {
        buf.setShort(offset + 2, 0);
        buf.setShort(offset + 2, checksum(buf, ipv6Offset, offset, length));
    }

    private static int checksum(ByteBuf buf, int ipv6Offset, int offset, int length) {
        long sum = InternetChecksum.pseudoHeaderV6(buf, ipv6Offset, Ipv4Header.PROTO_ICMPV6, length);
        return InternetChecksum.finish(InternetChecksum.add(buf, offset, length, sum));
    }
}
