package io.filament.dataplane.packet.wire;

import io.netty.buffer.ByteBuf;

/**
 * IPv6 fixed header (RFC 8200). Addresses are two longs each (high and low 64 bits).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version| Traffic Class |           Flow Label                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Payload Length        |  Next Header  |   Hop Limit   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   Source Address (128 bits)                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                Destination Address (128 bits)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record Ipv6Header(int trafficClass, int flowLabel, int payloadLength, int nextHeader, int hopLimit,
                         long sourceHigh, long sourceLow, long destinationHigh, long destinationLow) {

    public static final int LENGTH = 40;
    public static final int OFFSET_PAYLOAD_LENGTH = 4;
    public static final int OFFSET_NEXT_HEADER = 6;
    public static final int OFFSET_HOP_LIMIT = 7;
    public static final int OFFSET_SRC = 8;
    public static final int OFFSET_DST = 24;

    public static Ipv6Header decode(ByteBuf buf) {
        MalformedPacketException.requireReadable(buf, LENGTH, "ipv6");
        int at = buf.readerIndex();
        int first = buf.getInt(at);
        MalformedPacketException.require((first >>> 28) == 6, "ipv6.version", first >>> 28, "not 6");
        int payload = buf.getUnsignedShort(at + 4);
        MalformedPacketException.require(payload <= buf.readableBytes() - LENGTH, "ipv6.payload_length", payload,
                "exceeds the " + (buf.readableBytes() - LENGTH) + " bytes present");
        Ipv6Header h = new Ipv6Header((first >>> 20) & 0xFF, first & 0xFFFFF, payload, buf.getUnsignedByte(at + 6),
                buf.getUnsignedByte(at + 7), buf.getLong(at + 8), buf.getLong(at + 16), buf.getLong(at + 24),
                buf.getLong(at + 32));
        buf.skipBytes(LENGTH);
        return h;
    }

    public void encode(ByteBuf out) {
        out.ensureWritable(LENGTH);
        int at = out.writerIndex();
        out.setInt(at, (6 << 28) | ((trafficClass & 0xFF) << 20) | (flowLabel & 0xFFFFF));
        out.setShort(at + 4, payloadLength);
        out.setByte(at + 6, nextHeader);
        out.setByte(at + 7, hopLimit);
        out.setLong(at + 8, sourceHigh);
        out.setLong(at + 16, sourceLow);
        out.setLong(at + 24, destinationHigh);
        out.setLong(at + 32, destinationLow);
        out.writerIndex(at + LENGTH);
    }

    /** Fast-path check: version 6 and the payload length fits; true when the header can be used in place. */
    public static boolean isValid(ByteBuf buf, int offset, int available) {
        return available >= LENGTH && (buf.getUnsignedByte(offset) >>> 4) == 6
                && buf.getUnsignedShort(offset + OFFSET_PAYLOAD_LENGTH) <= available - LENGTH;
    }
}
