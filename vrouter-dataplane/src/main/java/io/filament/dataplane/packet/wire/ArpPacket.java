package io.filament.dataplane.packet.wire;

import io.netty.buffer.ByteBuf;

/**
 * ARP for IPv4 over Ethernet (RFC 826), the only combination a vRouter answers.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Hardware type = 1         |     Protocol type = 0x0800    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  HLEN = 6     |  PLEN = 4     |   Operation (1 req, 2 reply)  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                Sender hardware address (48)                   |
 * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |  Sender protocol address (32) |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  Target hardware address (48) +
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                Target protocol address (32)                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record ArpPacket(int operation, MacAddress senderMac, int senderIp, MacAddress targetMac, int targetIp) {

    public static final int LENGTH = 28;
    public static final int OP_REQUEST = 1;
    public static final int OP_REPLY = 2;
    public static final int OFFSET_OP = 6;
    public static final int OFFSET_SHA = 8;
    public static final int OFFSET_SPA = 14;
    public static final int OFFSET_THA = 18;
    public static final int OFFSET_TPA = 24;
    private static final long FIXED_PREFIX = 0x0001_0800_0604L;

    public ArpPacket {
        MalformedPacketException.require(operation == OP_REQUEST || operation == OP_REPLY, "arp.operation",
                operation, "neither request (1) nor reply (2)");
    }

    public static ArpPacket decode(ByteBuf buf) {
        MalformedPacketException.requireReadable(buf, LENGTH, "arp");
        int at = buf.readerIndex();
        long prefix = MacAddress.get(buf, at);
        MalformedPacketException.require(prefix == FIXED_PREFIX, "arp.htype/ptype/hlen/plen", prefix,
                "not Ethernet/IPv4 (expect 0001 0800 06 04)");
        ArpPacket p = new ArpPacket(buf.getUnsignedShort(at + OFFSET_OP), new MacAddress(MacAddress.get(buf, at + 8)),
                buf.getInt(at + 14), new MacAddress(MacAddress.get(buf, at + 18)), buf.getInt(at + 24));
        buf.skipBytes(LENGTH);
        return p;
    }

    public void encode(ByteBuf out) {
        out.ensureWritable(LENGTH);
        write(out, out.writerIndex(), operation, senderMac.value(), senderIp, targetMac.value(), targetIp);
        out.writerIndex(out.writerIndex() + LENGTH);
    }

    /** True when the bytes at {@code offset} are an Ethernet/IPv4 ARP body of a known operation. */
    public static boolean isWellFormed(ByteBuf buf, int offset, int length) {
        if (length < LENGTH || MacAddress.get(buf, offset) != FIXED_PREFIX) {
            return false;
        }
        int op = buf.getUnsignedShort(offset + OFFSET_OP);
        return op == OP_REQUEST || op == OP_REPLY;
    }

    /** Writes a whole ARP body in place. */
    public static void write(ByteBuf buf, int offset, int op, long sha, int spa, long tha, int tpa) {
        MacAddress.set(buf, offset, FIXED_PREFIX);
        buf.setShort(offset + OFFSET_OP, op);
        MacAddress.set(buf, offset + OFFSET_SHA, sha);
        buf.setInt(offset + OFFSET_SPA, spa);
        MacAddress.set(buf, offset + OFFSET_THA, tha);
        buf.setInt(offset + OFFSET_TPA, tpa);
    }
}
