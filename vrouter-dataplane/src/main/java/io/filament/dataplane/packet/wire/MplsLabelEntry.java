package io.filament.dataplane.packet.wire;

import io.netty.buffer.ByteBuf;

/**
 * One MPLS label stack entry (RFC 3032), as carried in MPLS-over-UDP (RFC 7510).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                Label                  | TC  |S|       TTL     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record MplsLabelEntry(int label, int trafficClass, boolean bottomOfStack, int ttl) {

    public static final int LENGTH = 4;
    public static final int MAX_LABEL = (1 << 20) - 1;

    public MplsLabelEntry {
        MalformedPacketException.require(label >= 0 && label <= MAX_LABEL, "mpls.label", label, "not 20 bits");
        MalformedPacketException.require(trafficClass >= 0 && trafficClass <= 7, "mpls.tc", trafficClass,
                "not 3 bits");
        MalformedPacketException.require(ttl >= 0 && ttl <= 255, "mpls.ttl", ttl, "not 8 bits");
    }

    public static MplsLabelEntry decode(ByteBuf buf) {
        MalformedPacketException.requireReadable(buf, LENGTH, "mpls");
        int word = buf.readInt();
        return new MplsLabelEntry(word >>> 12, (word >>> 9) & 7, (word & 0x100) != 0, word & 0xFF);
    }

    public void encode(ByteBuf out) {
        out.writeInt(word(label, trafficClass, bottomOfStack, ttl));
    }

    public static int word(int label, int tc, boolean bottom, int ttl) {
        return (label << 12) | (tc << 9) | (bottom ? 0x100 : 0) | ttl;
    }

    public static int label(ByteBuf buf, int offset) {
        return buf.getInt(offset) >>> 12;
    }

    public static boolean isBottomOfStack(ByteBuf buf, int offset) {
        return (buf.getByte(offset + 2) & 1) != 0;
    }
}
