package io.filament.dataplane.packet.wire;

import io.netty.buffer.ByteBuf;

/**
 * TCP header (RFC 9293); options are skipped on decode.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Sequence Number                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Acknowledgment Number                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Data |       |C|E|U|A|P|R|S|F|                               |
 * | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
 * |       |       |R|E|G|K|H|T|N|N|                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Checksum            |         Urgent Pointer        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record TcpHeader(int sourcePort, int destinationPort, long sequence, long acknowledgment, int dataOffset,
                        int flags, int window, int checksum, int urgentPointer) {

    public static final int MIN_LENGTH = 20;
    public static final int OFFSET_FLAGS = 13;
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    public static TcpHeader decode(ByteBuf buf) {
        MalformedPacketException.requireReadable(buf, MIN_LENGTH, "tcp");
        int at = buf.readerIndex();
        int offset = (buf.getUnsignedByte(at + 12) >>> 4) * 4;
        MalformedPacketException.require(offset >= MIN_LENGTH, "tcp.data_offset", offset / 4, "below 5 words");
        MalformedPacketException.requireReadable(buf, offset, "tcp.options");
        TcpHeader h = new TcpHeader(buf.getUnsignedShort(at), buf.getUnsignedShort(at + 2), buf.getUnsignedInt(at + 4),
                buf.getUnsignedInt(at + 8), offset, buf.getUnsignedByte(at + 13), buf.getUnsignedShort(at + 14),
                buf.getUnsignedShort(at + 16), buf.getUnsignedShort(at + 18));
        buf.skipBytes(offset);
        return h;
    }

    /** Writes a 20-byte header (no options) with the record's checksum field as given. */
    public void encode(ByteBuf out) {
        MalformedPacketException.require(dataOffset == MIN_LENGTH, "tcp.data_offset", dataOffset / 4,
                "options are not written");
        out.ensureWritable(MIN_LENGTH);
        int at = out.writerIndex();
        out.setShort(at, sourcePort);
        out.setShort(at + 2, destinationPort);
        out.setInt(at + 4, (int) sequence);
        out.setInt(at + 8, (int) acknowledgment);
        out.setByte(at + 12, 5 << 4);
        out.setByte(at + 13, flags);
        out.setShort(at + 14, window);
        out.setShort(at + 16, checksum);
        out.setShort(at + 18, urgentPointer);
        out.writerIndex(at + MIN_LENGTH);
    }

    /** The TCP checksum of a segment at {@code offset} under an IPv4 pseudo header. */
    public static int checksumV4(ByteBuf buf, int offset, int length, int src, int dst) {
        return InternetChecksum.finish(InternetChecksum.add(buf, offset, length,
                InternetChecksum.pseudoHeaderV4(src, dst, Ipv4Header.PROTO_TCP, length)));
    }
}
