package io.filament.dataplane.packet.wire;

import io.netty.buffer.ByteBuf;

/**
 * IPv4 header (RFC 791). Options are skipped on decode (IHL is kept) and never written.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |Type of Service|          Total Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Identification        |Flags|      Fragment Offset    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Source Address                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Destination Address                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record Ipv4Header(int headerLength, int tos, int totalLength, int identification, int flagsFragment,
                         int ttl, int protocol, int checksum, int source, int destination) {

    public static final int MIN_LENGTH = 20;
    public static final int OFFSET_TOTAL_LENGTH = 2;
    public static final int OFFSET_FLAGS_FRAGMENT = 6;
    public static final int OFFSET_TTL = 8;
    public static final int OFFSET_PROTOCOL = 9;
    public static final int OFFSET_CHECKSUM = 10;
    public static final int OFFSET_SRC = 12;
    public static final int OFFSET_DST = 16;
    public static final int PROTO_ICMP = 1;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;
    public static final int PROTO_ICMPV6 = 58;
    public static final int FLAG_DONT_FRAGMENT = 0x4000;

    /**
     * Reads a header at the reader index, verifying version, lengths and checksum, and advances past the header
     * including options.
     */
    public static Ipv4Header decode(ByteBuf buf) {
        MalformedPacketException.requireReadable(buf, MIN_LENGTH, "ipv4");
        int at = buf.readerIndex();
        int vihl = buf.getUnsignedByte(at);
        MalformedPacketException.require((vihl >>> 4) == 4, "ipv4.version", vihl >>> 4, "not 4");
        int hl = (vihl & 0xF) * 4;
        MalformedPacketException.require(hl >= MIN_LENGTH, "ipv4.ihl", vihl & 0xF, "below 5 words");
        MalformedPacketException.requireReadable(buf, hl, "ipv4.options");
        int total = buf.getUnsignedShort(at + 2);
        MalformedPacketException.require(total >= hl && total <= buf.readableBytes(), "ipv4.total_length", total,
                "outside header length " + hl + " .. available " + buf.readableBytes());
        int checksum = buf.getUnsignedShort(at + OFFSET_CHECKSUM);
        int verify = InternetChecksum.compute(buf, at, hl);
        MalformedPacketException.require(verify == 0, "ipv4.checksum", checksum, "does not verify");
        Ipv4Header h = new Ipv4Header(hl, buf.getUnsignedByte(at + 1), total, buf.getUnsignedShort(at + 4),
                buf.getUnsignedShort(at + 6), buf.getUnsignedByte(at + 8), buf.getUnsignedByte(at + 9), checksum,
                buf.getInt(at + 12), buf.getInt(at + 16));
        buf.skipBytes(hl);
        return h;
    }

    /** Writes a 20-byte header with a freshly computed checksum (the record's checksum field is ignored). */
    public void encode(ByteBuf out) {
        MalformedPacketException.require(headerLength == MIN_LENGTH, "ipv4.ihl", headerLength / 4,
                "options are not written");
        out.ensureWritable(MIN_LENGTH);
        int at = out.writerIndex();
        write(out, at, tos, totalLength, identification, flagsFragment, ttl, protocol, source, destination);
        out.writerIndex(at + MIN_LENGTH);
    }

    /** Writes a 20-byte header in place and fills in its checksum. */
    public static void write(ByteBuf buf, int at, int tos, int totalLength, int id, int flagsFragment, int ttl,
                             int protocol, int src, int dst) {
        buf.setShort(at, 0x4500 | (tos & 0xFF));
        buf.setShort(at + 2, totalLength);
        buf.setShort(at + 4, id);
        buf.setShort(at + 6, flagsFragment);
        buf.setByte(at + 8, ttl);
        buf.setByte(at + 9, protocol);
        buf.setShort(at + OFFSET_CHECKSUM, 0);
        buf.setInt(at + 12, src);
        buf.setInt(at + 16, dst);
        buf.setShort(at + OFFSET_CHECKSUM, InternetChecksum.compute(buf, at, MIN_LENGTH));
    }

    /**
     * The checks the fast path makes before trusting a header in place: version 4, IHL ≥ 5, total length within
     * the frame. Returns the header length in bytes, or -1 when the header is unusable.
     */
    public static int validHeaderLength(ByteBuf buf, int offset, int available) {
        if (available < MIN_LENGTH) {
            return -1;
        }
        int vihl = buf.getUnsignedByte(offset);
        int hl = (vihl & 0xF) << 2;
        if ((vihl >>> 4) != 4 || hl < MIN_LENGTH) {
            return -1;
        }
        int total = buf.getUnsignedShort(offset + OFFSET_TOTAL_LENGTH);
        return total < hl || total > available ? -1 : hl;
    }

    /** Decrements the TTL in place and patches the checksum incrementally (RFC 1624). */
    public static void decrementTtl(ByteBuf buf, int offset) {
        int oldWord = buf.getUnsignedShort(offset + OFFSET_TTL);
        int newWord = oldWord - 0x100;
        buf.setShort(offset + OFFSET_TTL, newWord);
        int sum = buf.getUnsignedShort(offset + OFFSET_CHECKSUM);
        buf.setShort(offset + OFFSET_CHECKSUM, InternetChecksum.update(sum, oldWord, newWord));
    }

    public static String format(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "."
                + (address & 0xFF);
    }

    /** Parses dotted-quad text. */
    public static int parse(String text) {
        String[] parts = text.split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("ipv4 address '" + text + "' is not a dotted quad");
        }
        int v = 0;
        for (String p : parts) {
            int b = Integer.parseInt(p);
            if (b < 0 || b > 255) {
                throw new IllegalArgumentException("ipv4 address '" + text + "' has octet " + b);
            }
            v = (v << 8) | b;
        }
        return v;
    }
}
