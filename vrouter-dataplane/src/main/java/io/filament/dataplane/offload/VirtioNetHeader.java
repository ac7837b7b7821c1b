package io.filament.dataplane.offload;

import io.netty.buffer.ByteBuf;

/**
 * The {@code struct virtio_net_hdr} a TAP opened with {@code IFF_VNET_HDR} puts in front of every frame (Linux
 * {@code include/uapi/linux/virtio_net.h}; little-endian on this host): checksum-offload and segmentation-offload
 * state of the frame.
 *
 * <pre>
 *  0  u8  flags        NEEDS_CSUM: the checksum at csum_start + csum_offset holds only the pseudo-header sum
 *  1  u8  gso_type     NONE, TCPV4, TCPV6 (| ECN): the frame is a super-packet to be cut at gso_size
 *  2  u16 hdr_len      Ethernet + IP + TCP header bytes
 *  4  u16 gso_size     payload bytes per segment (the MSS)
 *  6  u16 csum_start   offset of the L4 header from the start of the frame
 *  8  u16 csum_offset  offset of the checksum field within it (16 for TCP, 6 for UDP)
 * </pre>
 */
public final class VirtioNetHeader {

    public static final int LENGTH = 10;
    public static final int FLAG_NEEDS_CSUM = 1;
    public static final int GSO_NONE = 0;
    public static final int GSO_TCPV4 = 1;
    public static final int GSO_TCPV6 = 4;
    public static final int GSO_ECN = 0x80;
    public static final int TCP_CHECKSUM_OFFSET = 16;

    private VirtioNetHeader() {
    }

    public static int flags(ByteBuf buf, int at) {
        return buf.getUnsignedByte(at);
    }

    public static int gsoType(ByteBuf buf, int at) {
        return buf.getUnsignedByte(at + 1);
    }

    public static int gsoSize(ByteBuf buf, int at) {
        return buf.getUnsignedShortLE(at + 4);
    }

    public static int checksumStart(ByteBuf buf, int at) {
        return buf.getUnsignedShortLE(at + 6);
    }

    public static int checksumOffset(ByteBuf buf, int at) {
        return buf.getUnsignedShortLE(at + 8);
    }

    /** A header saying the frame is complete: no partial checksum, no segmentation. */
    public static void writeComplete(ByteBuf buf, int at) {
        buf.setLong(at, 0);
        buf.setShort(at + 8, 0);
    }

    /** A header for a TCP super-packet whose checksum field holds the pseudo-header sum. */
    public static void writeTcpSegmentation(ByteBuf buf, int at, boolean ipv6, int headerLength, int segmentSize,
                                            int l4Start) {
        buf.setByte(at, FLAG_NEEDS_CSUM);
        buf.setByte(at + 1, ipv6 ? GSO_TCPV6 : GSO_TCPV4);
        buf.setShortLE(at + 2, headerLength);
        buf.setShortLE(at + 4, segmentSize);
        buf.setShortLE(at + 6, l4Start);
        buf.setShortLE(at + 8, TCP_CHECKSUM_OFFSET);
    }
}
