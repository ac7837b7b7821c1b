package io.filament.dataplane.packet.wire;

import io.netty.buffer.ByteBuf;

/**
 * The one's-complement sum of RFC 1071 used by IPv4, ICMP, UDP, TCP and ICMPv6, plus the pseudo headers of
 * RFC 768 / RFC 8200 and the incremental update of RFC 1624. Sums are carried unfolded in an {@code int}/{@code long}
 * and folded once at the end.
 */
public final class InternetChecksum {

    private InternetChecksum() {
    }

    /** Adds the 16-bit words of {@code length} bytes at {@code offset} to {@code sum} (odd tail padded with zero). */
    public static long add(ByteBuf buf, int offset, int length, long sum) {
        int i = offset;
        int end = offset + length;
        for (; i + 7 < end; i += 8) {
            long w = buf.getLong(i);
            sum += (w >>> 32) + (w & 0xFFFF_FFFFL);
        }
        for (; i + 3 < end; i += 4) {
            sum += buf.getUnsignedInt(i);
        }
        for (; i + 1 < end; i += 2) {
            sum += buf.getUnsignedShort(i);
        }
        if (i < end) {
            sum += (buf.getUnsignedByte(i) << 8);
        }
        return sum;
    }

    /** Folds a sum into 16 bits and complements it: the value to write into a checksum field. */
    public static int finish(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    /** Folds a sum into 16 bits without complementing it: what a partial (offloaded) checksum field holds. */
    public static int fold(long sum) {
        return ~finish(sum) & 0xFFFF;
    }

    /** The checksum of a byte range on its own (IPv4 header, ICMP message). */
    public static int compute(ByteBuf buf, int offset, int length) {
        return finish(add(buf, offset, length, 0));
    }

    /** Sum of the IPv4 pseudo header: source, destination, zero+protocol, upper-layer length. */
    public static long pseudoHeaderV4(int src, int dst, int protocol, int length) {
        return (src >>> 16) + (src & 0xFFFF) + (dst >>> 16) + (dst & 0xFFFF) + protocol + length;
    }

    /** Sum of the IPv6 pseudo header: source, destination, upper-layer length, next header. */
    public static long pseudoHeaderV6(ByteBuf buf, int ipv6Offset, int protocol, int length) {
        return add(buf, ipv6Offset + 8, 32, 0) + protocol + (length >>> 16) + (length & 0xFFFF);
    }

    /**
     * RFC 1624 eqn. 3: the new checksum after one 16-bit word changed from {@code oldWord} to {@code newWord},
     * without summing the whole header again.
     */
    public static int update(int checksum, int oldWord, int newWord) {
        long sum = (~checksum & 0xFFFF) + (~oldWord & 0xFFFF) + (newWord & 0xFFFF);
        return finish(sum);
    }
}
