package io.filament.dataplane.packet.wire;

import io.netty.buffer.ByteBuf;

/**
 * VXLAN header (RFC 7348). The I flag must be set for the VNI to be valid.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |R|R|R|R|I|R|R|R|            Reserved                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                VXLAN Network Identifier (VNI) |   Reserved    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record VxlanHeader(int flags, int vni) {

    public static final int LENGTH = 8;
    public static final int FLAG_I = 0x08;
    public static final int MAX_VNI = (1 << 24) - 1;

    public VxlanHeader {
        MalformedPacketException.require(vni >= 0 && vni <= MAX_VNI, "vxlan.vni", vni, "not 24 bits");
        MalformedPacketException.require(flags >= 0 && flags <= 0xFF, "vxlan.flags", flags, "not 8 bits");
    }

    public static VxlanHeader decode(ByteBuf buf) {
        MalformedPacketException.requireReadable(buf, LENGTH, "vxlan");
        int flags = buf.getUnsignedByte(buf.readerIndex());
        MalformedPacketException.require((flags & FLAG_I) != 0, "vxlan.flags", flags, "I flag not set");
        int vni = buf.getInt(buf.readerIndex() + 4) >>> 8;
        buf.skipBytes(LENGTH);
        return new VxlanHeader(flags, vni);
    }

    public void encode(ByteBuf out) {
        out.writeInt(flags << 24).writeInt(vni << 8);
    }

    public static void write(ByteBuf buf, int at, int vni) {
        buf.setInt(at, FLAG_I << 24);
        buf.setInt(at + 4, vni << 8);
    }

    /** The VNI at {@code offset}, or -1 when the I flag is clear. */
    public static int vni(ByteBuf buf, int offset) {
        return (buf.getByte(offset) & FLAG_I) == 0 ? -1 : buf.getInt(offset + 4) >>> 8;
    }
}
