package io.filament.dataplane.forward;

import io.filament.dataplane.packet.wire.EthernetHeader;
import io.filament.dataplane.packet.wire.Ipv4Header;
import io.filament.dataplane.packet.wire.MacAddress;
import io.filament.dataplane.packet.wire.MplsLabelEntry;
import io.filament.dataplane.packet.wire.UdpHeader;
import io.filament.dataplane.packet.wire.VxlanHeader;
import io.netty.buffer.ByteBuf;

/**
 * Writes the overlay headers in front of a packet, in the buffer's headroom, and hands the outer IPv4 packet to the
 * fabric.
 *
 * <pre>
 * MPLS over UDP (RFC 7510):  IPv4 (proto 17) | UDP (sport entropy, dport 6635) | MPLS (label, S=1, TTL 64) | inner IP
 * VXLAN (RFC 7348):          IPv4 (proto 17) | UDP (sport entropy, dport 4789) | VXLAN (I, VNI) | inner Ethernet
 * </pre>
 *
 * The outer UDP checksum is zero, as both RFCs allow for IPv4 underlays. A TCP super-packet ({@code segmentSize} >
 * 0) is encapsulated once; the I/O cuts it into standard datagrams of one inner segment each.
 */
final class TunnelEncapsulator {

    /** Bytes in front of an inner IP packet that an MPLS-over-UDP encapsulation needs. */
    static final int MPLS_OVERHEAD = Ipv4Header.MIN_LENGTH + UdpHeader.LENGTH + MplsLabelEntry.LENGTH;
    /** Bytes in front of an inner Ethernet frame that a VXLAN encapsulation needs. */
    static final int VXLAN_OVERHEAD = Ipv4Header.MIN_LENGTH + UdpHeader.LENGTH + VxlanHeader.LENGTH;
    private static final int OUTER_TTL = 64;

    private final PacketIo io;
    private final Counters counters;
    private final int fabricAddress;
    private int identification;

    TunnelEncapsulator(PacketIo io, Counters counters, int fabricAddress) {
        this.io = io;
        this.counters = counters;
        this.fabricAddress = fabricAddress;
    }

    /** Encapsulates the IP packet at {@code l3} ({@code l3Length} bytes) behind an MPLS label. */
    void sendMpls(ByteBuf buf, int l3, int l3Length, int label, int remote, int sourcePort, int segmentSize) {
        int mpls = l3 - MplsLabelEntry.LENGTH;
        buf.setInt(mpls, MplsLabelEntry.word(label, 0, true, OUTER_TTL));
        sendUdp(buf, mpls, MplsLabelEntry.LENGTH + l3Length, UdpHeader.PORT_MPLS_OVER_UDP, remote, sourcePort,
                segmentSize);
    }

    /** Rewrites the inner Ethernet header in front of {@code l3} and encapsulates the frame in VXLAN. */
    void sendVxlanRouted(ByteBuf buf, int l3, int l3Length, int family, int vni, long innerDestination, int remote,
                         int sourcePort, int segmentSize) {
        int eth = l3 - EthernetHeader.LENGTH;
        long dst = innerDestination == 0 ? MacAddress.VROUTER.value() : innerDestination;
        EthernetHeader.write(buf, eth, dst, MacAddress.VROUTER.value(),
                family == 4 ? EthernetHeader.TYPE_IPV4 : EthernetHeader.TYPE_IPV6);
        sendVxlan(buf, eth, EthernetHeader.LENGTH + l3Length, vni, remote, sourcePort, segmentSize);
    }

    /** Encapsulates the Ethernet frame at {@code eth} as it is. */
    void sendVxlan(ByteBuf buf, int eth, int frameLength, int vni, int remote, int sourcePort, int segmentSize) {
        int vx = eth - VxlanHeader.LENGTH;
        VxlanHeader.write(buf, vx, vni);
        sendUdp(buf, vx, VxlanHeader.LENGTH + frameLength, UdpHeader.PORT_VXLAN, remote, sourcePort, segmentSize);
    }

    private void sendUdp(ByteBuf buf, int payload, int payloadLength, int port, int remote, int sourcePort,
                         int segmentSize) {
        int udp = payload - UdpHeader.LENGTH;
        int udpLength = UdpHeader.LENGTH + payloadLength;
        int ip = udp - Ipv4Header.MIN_LENGTH;
        int total = Ipv4Header.MIN_LENGTH + udpLength;
        boolean fits = total <= 0xFFFF;
        UdpHeader.write(buf, udp, sourcePort, port, fits ? udpLength : 0, 0);
        identification = (identification + 1) & 0xFFFF;
        Ipv4Header.write(buf, ip, 0, fits ? total : 0, identification, 0, OUTER_TTL, Ipv4Header.PROTO_UDP,
                fabricAddress, remote);
        if (io.sendToFabric(remote, buf, ip, total, segmentSize)) {
            counters.fabricTx(total);
        } else {
            counters.drop(DropReason.TRANSMIT_ERROR);
        }
    }
}
