package io.filament.dataplane.packet.wire;

import io.netty.buffer.ByteBuf;

/**
 * Ethernet II header (IEEE 802.3 with an EtherType; no 802.1Q tag).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Destination MAC (48 bits)                     |
 * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |                                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+     Source MAC (48 bits)       +
 * |                                                                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          EtherType            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record EthernetHeader(MacAddress destination, MacAddress source, int etherType) {

    public static final int LENGTH = 14;
    public static final int TYPE_IPV4 = 0x0800;
    public static final int TYPE_ARP = 0x0806;
    public static final int TYPE_IPV6 = 0x86DD;
    public static final int TYPE_VLAN = 0x8100;
    public static final int OFFSET_DST = 0;
    public static final int OFFSET_SRC = 6;
    public static final int OFFSET_TYPE = 12;

    public EthernetHeader {
        MalformedPacketException.require(etherType >= 0 && etherType <= 0xFFFF, "ethernet.type", etherType,
                "not a 16-bit value");
    }

    /** Reads the header at the reader index and advances past it. */
    public static EthernetHeader decode(ByteBuf buf) {
        MalformedPacketException.requireReadable(buf, LENGTH, "ethernet");
        long dst = MacAddress.get(buf, buf.readerIndex());
        long src = MacAddress.get(buf, buf.readerIndex() + 6);
        int type = buf.getUnsignedShort(buf.readerIndex() + 12);
        MalformedPacketException.require(type >= 0x0600, "ethernet.type", type, "an 802.3 length, not an EtherType");
        buf.skipBytes(LENGTH);
        return new EthernetHeader(new MacAddress(dst), new MacAddress(src), type);
    }

    public void encode(ByteBuf out) {
        int at = out.writerIndex();
        out.ensureWritable(LENGTH);
        MacAddress.set(out, at, destination.value());
        MacAddress.set(out, at + 6, source.value());
        out.setShort(at + 12, etherType);
        out.writerIndex(at + LENGTH);
    }

    /** Writes a header in place at {@code offset} without allocating. */
    public static void write(ByteBuf buf, int offset, long dst, long src, int etherType) {
        MacAddress.set(buf, offset, dst);
        MacAddress.set(buf, offset + 6, src);
        buf.setShort(offset + 12, etherType);
    }

    public static int etherType(ByteBuf buf, int offset) {
        return buf.getUnsignedShort(offset + OFFSET_TYPE);
    }
}
