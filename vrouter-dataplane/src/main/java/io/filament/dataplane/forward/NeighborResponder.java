package io.filament.dataplane.forward;

import io.filament.dataplane.packet.wire.ArpPacket;
import io.filament.dataplane.packet.wire.EthernetHeader;
import io.filament.dataplane.packet.wire.Icmpv6Message;
import io.filament.dataplane.packet.wire.Ipv6Header;
import io.filament.dataplane.packet.wire.MacAddress;
import io.filament.dataplane.table.MultibitTrie;
import io.filament.dataplane.table.Vrf;
import io.netty.buffer.ByteBuf;

/**
 * The vRouter's proxy ARP and neighbour discovery: a request for the gateway or any address the VRF routes is
 * answered with {@code 00:00:5e:00:01:00}, so every VM sends all its traffic to the dataplane. Replies are written
 * in place over the request.
 */
final class NeighborResponder {

    static final int NA_LENGTH = 32;
    private static final int FLAGS_SOLICITED_OVERRIDE = 0x60000000;
    private static final long ALL_NODES_HIGH = 0xFF02000000000000L;
    private static final long ALL_NODES_LOW = 1L;
    /** A request never to be answered. */
    static final int DECLINED = -1;
    /** A request to be answered once the VRF routes the address it asks for (see {@link HeldNeighborRequests}). */
    static final int UNROUTED = -2;

    /**
     * Turns an ARP request at {@code ethOffset} into its reply and returns the reply's frame length; otherwise
     * returns {@link #UNROUTED} for a request that would be answered once the VRF routes the address, or
     * {@link #DECLINED} for one never to be answered: not a request, gratuitous, or asking for the requester's own
     * address.
     */
    static int answerArp(ByteBuf buf, int ethOffset, Vrf vrf, int ownAddress) {
        int arp = ethOffset + EthernetHeader.LENGTH;
        if (buf.getUnsignedShort(arp + ArpPacket.OFFSET_OP) != ArpPacket.OP_REQUEST) {
            return DECLINED;
        }
        int spa = buf.getInt(arp + ArpPacket.OFFSET_SPA);
        int tpa = buf.getInt(arp + ArpPacket.OFFSET_TPA);
        if (tpa == spa || tpa == ownAddress) {
            return DECLINED;
        }
        if (!routed(vrf, vrf.lookup4(tpa))) {
            return UNROUTED;
        }
        long sha = MacAddress.get(buf, arp + ArpPacket.OFFSET_SHA);
        long vrouter = MacAddress.VROUTER.value();
        EthernetHeader.write(buf, ethOffset, sha, vrouter, EthernetHeader.TYPE_ARP);
        ArpPacket.write(buf, arp, ArpPacket.OP_REPLY, vrouter, tpa, sha, spa);
        return EthernetHeader.LENGTH + ArpPacket.LENGTH;
    }

    /**
     * Turns a neighbour solicitation (RFC 4861 §4.3) into a solicited advertisement with a target link-layer option.
     * Returns the reply's frame length; {@link #UNROUTED} for a solicitation that would be answered once the VRF
     * routes the target; {@link #DECLINED} for one never to be answered (not a solicitation, a duplicate-address
     * probe with the unspecified source, or asking for the sender's own address).
     */
    static int answerSolicitation(ByteBuf buf, int ethOffset, int icmpOffset, int icmpLength, Vrf vrf) {
        int ip = ethOffset + EthernetHeader.LENGTH;
        if (icmpLength < 24 || buf.getUnsignedByte(icmpOffset) != Icmpv6Message.NEIGHBOR_SOLICITATION) {
            return DECLINED;
        }
        long srcHigh = buf.getLong(ip + Ipv6Header.OFFSET_SRC);
        long srcLow = buf.getLong(ip + Ipv6Header.OFFSET_SRC + 8);
        long targetHigh = buf.getLong(icmpOffset + 8);
        long targetLow = buf.getLong(icmpOffset + 16);
        if ((srcHigh | srcLow) == 0 || (targetHigh == srcHigh && targetLow == srcLow)) {
            return DECLINED;
        }
        if (!routed(vrf, vrf.lookup6(targetHigh, targetLow))) {
            return UNROUTED;
        }
        long requester = MacAddress.get(buf, ethOffset + EthernetHeader.OFFSET_SRC);
        long vrouter = MacAddress.VROUTER.value();
        EthernetHeader.write(buf, ethOffset, requester, vrouter, EthernetHeader.TYPE_IPV6);
        buf.setInt(ip, 6 << 28);
        buf.setShort(ip + Ipv6Header.OFFSET_PAYLOAD_LENGTH, NA_LENGTH);
        buf.setByte(ip + Ipv6Header.OFFSET_NEXT_HEADER, 58);
        buf.setByte(ip + Ipv6Header.OFFSET_HOP_LIMIT, 255);
        buf.setLong(ip + Ipv6Header.OFFSET_SRC, targetHigh);
        buf.setLong(ip + Ipv6Header.OFFSET_SRC + 8, targetLow);
        buf.setLong(ip + Ipv6Header.OFFSET_DST, srcHigh == 0 ? ALL_NODES_HIGH : srcHigh);
        buf.setLong(ip + Ipv6Header.OFFSET_DST + 8, srcHigh == 0 ? ALL_NODES_LOW : srcLow);
        int icmp = ip + Ipv6Header.LENGTH;
        buf.setByte(icmp, Icmpv6Message.NEIGHBOR_ADVERTISEMENT);
        buf.setByte(icmp + 1, 0);
        buf.setInt(icmp + 4, FLAGS_SOLICITED_OVERRIDE);
        buf.setLong(icmp + 8, targetHigh);
        buf.setLong(icmp + 16, targetLow);
        buf.setByte(icmp + 24, 2);
        buf.setByte(icmp + 25, 1);
        MacAddress.set(buf, icmp + 26, vrouter);
        Icmpv6Message.fillChecksum(buf, ip, icmp, NA_LENGTH);
        return EthernetHeader.LENGTH + Ipv6Header.LENGTH + NA_LENGTH;
    }

    private static boolean routed(Vrf vrf, int nextHop) {
        return nextHop != MultibitTrie.MISS && nextHop != 0;
    }

    private NeighborResponder() {
    }
}
