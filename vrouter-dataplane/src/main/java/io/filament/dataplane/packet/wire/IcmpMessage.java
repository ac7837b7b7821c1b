package io.filament.dataplane.packet.wire;

import io.netty.buffer.ByteBuf;

/**
 * ICMP for IPv4 (RFC 792): type, code, checksum over the whole message, and the 32-bit rest of header
 * (identifier and sequence for echo).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Rest of header                            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record IcmpMessage(int type, int code, int checksum, int restOfHeader) {

    public static final int HEADER_LENGTH = 8;
    public static final int ECHO_REPLY = 0;
    public static final int DESTINATION_UNREACHABLE = 3;
    public static final int ECHO_REQUEST = 8;
    public static final int TIME_EXCEEDED = 11;

    /** Decodes the header of a message of {@code length} bytes at the reader index and verifies its checksum. */
    public static IcmpMessage decode(ByteBuf buf, int length) {
        MalformedPacketException.requireReadable(buf, HEADER_LENGTH, "icmp");
        MalformedPacketException.require(length >= HEADER_LENGTH && length <= buf.readableBytes(), "icmp.length",
                length, "outside 8 .. " + buf.readableBytes());
        int at = buf.readerIndex();
        int checksum = buf.getUnsignedShort(at + 2);
        MalformedPacketException.require(InternetChecksum.compute(buf, at, length) == 0, "icmp.checksum", checksum,
                "does not verify");
        IcmpMessage m = new IcmpMessage(buf.getUnsignedByte(at), buf.getUnsignedByte(at + 1), checksum,
                buf.getInt(at + 4));
        buf.skipBytes(HEADER_LENGTH);
        return m;
    }

    /** Writes the header; the checksum is computed over the header and the {@code body} that follows it. */
    public void encode(ByteBuf out, ByteBuf body) {
        int at = out.writerIndex();
        out.ensureWritable(HEADER_LENGTH + body.readableBytes());
        out.writeByte(type).writeByte(code).writeShort(0).writeInt(restOfHeader);
        out.writeBytes(body, body.readerIndex(), body.readableBytes());
        out.setShort(at + 2, InternetChecksum.compute(out, at, out.writerIndex() - at));
    }
}
