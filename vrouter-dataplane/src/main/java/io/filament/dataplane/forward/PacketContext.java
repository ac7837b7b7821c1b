package io.filament.dataplane.forward;

import io.filament.dataplane.packet.wire.IcmpMessage;
import io.filament.dataplane.packet.wire.Icmpv6Message;
import io.filament.dataplane.packet.wire.Ipv4Header;
import io.filament.dataplane.packet.wire.Ipv6Header;
import io.filament.dataplane.packet.wire.TcpHeader;
import io.netty.buffer.ByteBuf;

/**
 * The parsed view of the packet being forwarded: where its IP header is, its flow key and TCP flags. One instance is
 * reused for every packet by the forwarding thread, so parsing never allocates.
 */
final class PacketContext {

    int family;
    int l3Offset;
    /** IP total length (header + payload), not counting any Ethernet padding. */
    int l3Length;
    int l4Offset;
    int protocol;
    long srcHigh;
    long srcLow;
    long dstHigh;
    long dstLow;
    int srcPort;
    int dstPort;
    int tcpFlags;
    int ttl;
    int flowHash;
    /** Segment size of a TCP super-packet (offload), 0 for an ordinary packet; set by the caller, not by parse. */
    int segmentSize;

    /** Parses an IPv4 or IPv6 packet at {@code offset}; false when the headers are unusable. */
    boolean parse(ByteBuf buf, int offset, int available) {
        int version = available > 0 ? buf.getUnsignedByte(offset) >>> 4 : 0;
        if (version == 4) {
            return parse4(buf, offset, available);
        }
        if (version == 6) {
            return parse6(buf, offset, available);
        }
        return false;
    }

    private boolean parse4(ByteBuf buf, int offset, int available) {
        int hl = Ipv4Header.validHeaderLength(buf, offset, available);
        if (hl < 0) {
            return false;
        }
        family = 4;
        l3Offset = offset;
        l3Length = buf.getUnsignedShort(offset + Ipv4Header.OFFSET_TOTAL_LENGTH);
        l4Offset = offset + hl;
        protocol = buf.getUnsignedByte(offset + Ipv4Header.OFFSET_PROTOCOL);
        ttl = buf.getUnsignedByte(offset + Ipv4Header.OFFSET_TTL);
        srcHigh = (buf.getUnsignedInt(offset + Ipv4Header.OFFSET_SRC)) << 32;
        dstHigh = (buf.getUnsignedInt(offset + Ipv4Header.OFFSET_DST)) << 32;
        srcLow = 0;
        dstLow = 0;
        boolean firstFragment = (buf.getUnsignedShort(offset + Ipv4Header.OFFSET_FLAGS_FRAGMENT) & 0x1FFF) == 0;
        return parsePorts(buf, firstFragment ? offset + l3Length - l4Offset : 0);
    }

    private boolean parse6(ByteBuf buf, int offset, int available) {
        if (!Ipv6Header.isValid(buf, offset, available)) {
            return false;
        }
        family = 6;
        l3Offset = offset;
        l3Length = Ipv6Header.LENGTH + buf.getUnsignedShort(offset + Ipv6Header.OFFSET_PAYLOAD_LENGTH);
        l4Offset = offset + Ipv6Header.LENGTH;
        protocol = buf.getUnsignedByte(offset + Ipv6Header.OFFSET_NEXT_HEADER);
        ttl = buf.getUnsignedByte(offset + Ipv6Header.OFFSET_HOP_LIMIT);
        srcHigh = buf.getLong(offset + Ipv6Header.OFFSET_SRC);
        srcLow = buf.getLong(offset + Ipv6Header.OFFSET_SRC + 8);
        dstHigh = buf.getLong(offset + Ipv6Header.OFFSET_DST);
        dstLow = buf.getLong(offset + Ipv6Header.OFFSET_DST + 8);
        return parsePorts(buf, offset + l3Length - l4Offset);
    }

    /** Ports for TCP/UDP, the echo identifier for ICMP echo (both directions share it), zero otherwise. */
    private boolean parsePorts(ByteBuf buf, int l4Available) {
        srcPort = 0;
        dstPort = 0;
        tcpFlags = 0;
        switch (protocol) {
            case Ipv4Header.PROTO_TCP -> {
                if (l4Available < TcpHeader.MIN_LENGTH) {
                    return l4Available == 0 && family == 4;
                }
                srcPort = buf.getUnsignedShort(l4Offset);
                dstPort = buf.getUnsignedShort(l4Offset + 2);
                tcpFlags = buf.getUnsignedByte(l4Offset + TcpHeader.OFFSET_FLAGS);
            }
            case Ipv4Header.PROTO_UDP -> {
                if (l4Available < 8) {
                    return l4Available == 0 && family == 4;
                }
                srcPort = buf.getUnsignedShort(l4Offset);
                dstPort = buf.getUnsignedShort(l4Offset + 2);
            }
            case Ipv4Header.PROTO_ICMP, Ipv4Header.PROTO_ICMPV6 -> {
                if (l4Available >= IcmpMessage.HEADER_LENGTH && isEcho(buf.getUnsignedByte(l4Offset))) {
                    srcPort = buf.getUnsignedShort(l4Offset + 4);
                    dstPort = srcPort;
                }
            }
            default -> {
            }
        }
        return true;
    }

    private boolean isEcho(int type) {
        return family == 4
                ? type == IcmpMessage.ECHO_REQUEST || type == IcmpMessage.ECHO_REPLY
                : type == Icmpv6Message.ECHO_REQUEST || type == Icmpv6Message.ECHO_REPLY;
    }

    int ipv4Destination() {
        return (int) (dstHigh >>> 32);
    }

    int ipv4Source() {
        return (int) (srcHigh >>> 32);
    }

    boolean isMulticastDestination() {
        return family == 4 ? (dstHigh >>> 60) == 0xE || (dstHigh >>> 32) == 0xFFFFFFFFL : (dstHigh >>> 56) == 0xFF;
    }
}
