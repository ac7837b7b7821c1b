package io.filament.dataplane.forward;

import io.filament.dataplane.offload.PartialChecksum;
import io.filament.dataplane.offload.VirtioNetHeader;
import io.filament.dataplane.packet.wire.ArpPacket;
import io.filament.dataplane.packet.wire.EthernetHeader;
import io.filament.dataplane.packet.wire.Icmpv6Message;
import io.filament.dataplane.packet.wire.Ipv4Header;
import io.filament.dataplane.packet.wire.Ipv6Header;
import io.filament.dataplane.packet.wire.MacAddress;
import io.filament.dataplane.packet.wire.MplsLabelEntry;
import io.filament.dataplane.packet.wire.UdpHeader;
import io.filament.dataplane.packet.wire.VxlanHeader;
import io.filament.dataplane.table.ForwardingTables;
import io.filament.dataplane.table.MultibitTrie;
import io.filament.dataplane.table.NextHop;
import io.filament.dataplane.table.Vif;
import io.filament.dataplane.table.Vrf;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.InstantSource;

/**
 * The forwarding pipeline. A frame from a VM interface: ARP/ND proxy, DHCP trap, TTL check, route lookup in the
 * interface's VRF, ECMP member choice, flow (policy) step, then delivery to a local interface with MAC rewrite, an
 * overlay tunnel, the agent (receive) or a counted drop. A datagram from the fabric: MPLS label or VXLAN VNI
 * lookup, flow step for the receiving interface, delivery.
 *
 * <p>Every buffer handed in must have {@link #HEADROOM} writable bytes in front of the frame: encapsulation writes
 * the outer headers there instead of copying the packet. One thread at a time (the forwarding lock); nothing on the
 * path of an established flow allocates.
 */
public final class Forwarder {

    public static final int HEADROOM = 64;

    private final ForwardingTables tables;
    private final Counters counters;
    private final PacketIo io;
    private final PacketInQueue packetIns;
    private final FlowStage flows;
    private final TunnelEncapsulator tunnels;
    private final PacketContext p = new PacketContext();
    private final HeldNeighborRequests heldRequests = new HeldNeighborRequests();
    /** Where held requests are replayed and answered in place. */
    private final ByteBuf heldReply = Unpooled.directBuffer(HEADROOM + HeldNeighborRequests.MAX_FRAME);
    private final InstantSource clock;

    Forwarder(ForwardingTables tables, Counters counters, PacketIo io, PacketInQueue packetIns, FlowStage flows,
              int fabricAddress, InstantSource clock) {
        this.clock = clock;
        this.tables = tables;
        this.counters = counters;
        this.io = io;
        this.packetIns = packetIns;
        this.flows = flows;
        this.tunnels = new TunnelEncapsulator(io, counters, fabricAddress);
    }

    /** A frame a VM sent on interface {@code vifIndex}. */
    public void fromInterface(int vifIndex, ByteBuf buf, int off, int len) {
        fromInterface(vifIndex, buf, off, len, 0);
    }

    /**
     * A frame a VM sent on interface {@code vifIndex}; {@code segmentSize} > 0 when it is a TCP super-packet whose
     * checksum field holds the pseudo-header sum (see {@link PacketIo}).
     */
    public void fromInterface(int vifIndex, ByteBuf buf, int off, int len, int segmentSize) {
        p.segmentSize = segmentSize;
        Vif vif = tables.vif(vifIndex);
        if (vif == null) {
            counters.drop(DropReason.UNKNOWN_INTERFACE);
            return;
        }
        counters.rx(vifIndex, len);
        Vrf vrf = tables.vrf(vif.vrf());
        if (len < EthernetHeader.LENGTH) {
            counters.drop(DropReason.MALFORMED);
        } else if (vrf == null) {
            counters.drop(DropReason.NO_ROUTE);
        } else {
            int type = EthernetHeader.etherType(buf, off);
            if (type == EthernetHeader.TYPE_ARP) {
                arpFromInterface(vif, vrf, buf, off, len);
            } else if (type == EthernetHeader.TYPE_IPV4 || type == EthernetHeader.TYPE_IPV6) {
                routeFromInterface(vif, vrf, buf, off, len);
            } else {
                counters.drop(DropReason.UNSUPPORTED_ETHERTYPE);
            }
        }
    }

    private void arpFromInterface(Vif vif, Vrf vrf, ByteBuf buf, int off, int len) {
        if (!ArpPacket.isWellFormed(buf, off + EthernetHeader.LENGTH, len - EthernetHeader.LENGTH)) {
            counters.drop(DropReason.MALFORMED);
        } else {
            int reply = NeighborResponder.answerArp(buf, off, vrf, vif.ipv4());
            if (reply > 0) {
                toInterface(vif, buf, off, reply, 0);
                return;
            }
            if (reply == NeighborResponder.UNROUTED) {
                heldRequests.hold(vif.index(), 0, buf.getInt(off + EthernetHeader.LENGTH + ArpPacket.OFFSET_TPA),
                        buf, off, len, clock.millis());
            }
            counters.drop(DropReason.ARP_NOT_PROXIED);
        }
    }

    /**
     * Replays the held neighbour requests (see {@link HeldNeighborRequests}) and sends the replies for addresses the
     * tables now route; called after the tables changed. Returns how many replies went out.
     */
    int answerHeldRequests() {
        if (heldRequests.isEmpty()) {
            return 0;
        }
        int[] sent = new int[1];
        heldRequests.release(clock.millis(), (vifIndex, frame, length) -> {
            Vif vif = tables.vif(vifIndex);
            Vrf vrf = vif == null ? null : tables.vrf(vif.vrf());
            if (vrf == null) {
                return true;
            }
            heldReply.setBytes(HEADROOM, frame, 0, length);
            int reply = replyTo(vif, vrf, heldReply, HEADROOM, length);
            if (reply < 0) {
                return false;
            }
            toInterface(vif, heldReply, HEADROOM, reply, 0);
            sent[0]++;
            return true;
        });
        return sent[0];
    }

    /** The answer to a held request written in place: its frame length, or negative while there is none. */
    private int replyTo(Vif vif, Vrf vrf, ByteBuf buf, int off, int len) {
        if (EthernetHeader.etherType(buf, off) == EthernetHeader.TYPE_ARP) {
            return NeighborResponder.answerArp(buf, off, vrf, vif.ipv4());
        }
        int icmp = off + EthernetHeader.LENGTH + Ipv6Header.LENGTH;
        return NeighborResponder.answerSolicitation(buf, off, icmp, len - EthernetHeader.LENGTH - Ipv6Header.LENGTH, vrf);
    }

    private void routeFromInterface(Vif vif, Vrf vrf, ByteBuf buf, int off, int len) {
        int l3 = off + EthernetHeader.LENGTH;
        if (!p.parse(buf, l3, len - EthernetHeader.LENGTH)
                || p.segmentSize > 0 && p.protocol != Ipv4Header.PROTO_TCP) {
            counters.drop(DropReason.MALFORMED);
            return;
        }
        if (p.family == 4 && p.protocol == Ipv4Header.PROTO_UDP && p.dstPort == UdpHeader.PORT_DHCP_SERVER
                && vif.dhcpTrap()) {
            packetIn(vif.index(), PacketIn.Reason.DHCP, buf, off, EthernetHeader.LENGTH + p.l3Length);
            return;
        }
        if (p.family == 6 && p.protocol == Ipv4Header.PROTO_ICMPV6
                && buf.getUnsignedByte(p.l4Offset) == Icmpv6Message.NEIGHBOR_SOLICITATION) {
            int reply = NeighborResponder.answerSolicitation(buf, off, p.l4Offset, l3 + p.l3Length - p.l4Offset, vrf);
            if (reply > 0) {
                toInterface(vif, buf, off, reply, 0);
            } else {
                if (reply == NeighborResponder.UNROUTED && p.l4Offset == l3 + Ipv6Header.LENGTH) {
                    heldRequests.hold(vif.index(), buf.getLong(p.l4Offset + 8), buf.getLong(p.l4Offset + 16), buf,
                            off, EthernetHeader.LENGTH + p.l3Length, clock.millis());
                }
                counters.drop(DropReason.ARP_NOT_PROXIED);
            }
            return;
        }
        if (p.isMulticastDestination()) {
            counters.drop(DropReason.MULTICAST);
        } else if (p.ttl <= 1) {
            counters.drop(DropReason.TTL_EXPIRED);
        } else {
            int nhId = p.family == 4 ? vrf.lookup4(p.ipv4Destination()) : vrf.lookup6(p.dstHigh, p.dstLow);
            NextHop nh = nhId == MultibitTrie.MISS ? null : tables.nextHop(nhId);
            if (nh == null) {
                counters.drop(DropReason.NO_ROUTE);
            } else {
                forwardFromInterface(vif, nh, buf, l3);
            }
        }
    }

    private void forwardFromInterface(Vif vif, NextHop routed, ByteBuf buf, int l3) {
        int entry = flows.find(p, vif.vrf());
        int member = 0;
        NextHop nh = routed;
        if (nh instanceof NextHop.Ecmp ecmp) {
            int n = ecmp.members().length;
            member = entry >= 0 ? flows.ecmpMember(entry) % n : ((p.flowHash >>> 1) % n);
            nh = tables.nextHop(ecmp.members()[member]);
        }
        Vif dst = nh instanceof NextHop.Interface i ? tables.vif(i.vif()) : null;
        if (vif.policyEnabled() || dst != null && dst.policyEnabled()) {
            int reverseVrf = dst != null ? dst.vrf() : vif.vrf();
            if (!flows.admit(p, entry, vif.vrf(), reverseVrf, vif, dst, member)) {
                return;
            }
        }
        switch (nh) {
            case NextHop.Interface i when dst != null -> {
                decrementTtl(buf);
                deliver(dst, buf, l3);
            }
            case NextHop.Tunnel t -> {
                decrementTtl(buf);
                if (t.encapsulation() == NextHop.Encapsulation.MPLS_OVER_UDP) {
                    tunnels.sendMpls(buf, l3, p.l3Length, t.labelOrVni(), t.remote(), io.entropyPort(p.flowHash),
                            p.segmentSize);
                } else {
                    tunnels.sendVxlanRouted(buf, l3, p.l3Length, p.family, t.labelOrVni(), t.innerDestinationMac(),
                            t.remote(), io.entropyPort(p.flowHash), p.segmentSize);
                }
            }
            case NextHop.Receive r -> packetIn(vif.index(), PacketIn.Reason.RECEIVE, buf,
                    l3 - EthernetHeader.LENGTH, EthernetHeader.LENGTH + p.l3Length);
            case NextHop.Discard d -> counters.drop(DropReason.DISCARD);
            default -> counters.drop(DropReason.INVALID_NEXTHOP);
        }
    }

    /** A UDP payload that arrived on the fabric socket bound to {@code port}, sent by {@code source}. */
    public void fromFabric(int source, int port, ByteBuf buf, int off, int len) {
        fromFabric(source, port, buf, off, len, 0);
    }

    /**
     * A UDP payload from the fabric; {@code segmentSize} > 0 when the I/O coalesced in-order TCP segments into one
     * super-packet (see {@link PacketIo}).
     */
    public void fromFabric(int source, int port, ByteBuf buf, int off, int len, int segmentSize) {
        p.segmentSize = segmentSize;
        counters.fabricRx(len);
        if (port == UdpHeader.PORT_MPLS_OVER_UDP || port == UdpHeader.PORT_MPLS_OVER_UDP_LEGACY) {
            fromMpls(buf, off, len);
        } else if (port == UdpHeader.PORT_VXLAN) {
            fromVxlan(source, buf, off, len);
        } else {
            counters.drop(DropReason.UNKNOWN_ENCAPSULATION);
        }
    }

    private void fromMpls(ByteBuf buf, int off, int len) {
        if (len < MplsLabelEntry.LENGTH + Ipv4Header.MIN_LENGTH || !MplsLabelEntry.isBottomOfStack(buf, off)
                || !p.parse(buf, off + MplsLabelEntry.LENGTH, len - MplsLabelEntry.LENGTH)
                || p.segmentSize > 0 && p.protocol != Ipv4Header.PROTO_TCP) {
            counters.drop(DropReason.MALFORMED);
            return;
        }
        int nhId = tables.labelNextHop(MplsLabelEntry.label(buf, off));
        if (nhId < 0) {
            counters.drop(DropReason.UNKNOWN_LABEL);
            return;
        }
        decapsulated(tables.nextHop(nhId), buf, off + MplsLabelEntry.LENGTH);
    }

    private void fromVxlan(int source, ByteBuf buf, int off, int len) {
        int vni = len < VxlanHeader.LENGTH + EthernetHeader.LENGTH ? -1 : VxlanHeader.vni(buf, off);
        if (vni < 0) {
            counters.drop(DropReason.MALFORMED);
            return;
        }
        int vrfId = tables.vniVrf(vni);
        Vrf vrf = vrfId < 0 ? null : tables.vrf(vrfId);
        if (vrf == null) {
            counters.drop(vrfId < 0 ? DropReason.UNKNOWN_VNI : DropReason.NO_ROUTE);
            return;
        }
        int eth = off + VxlanHeader.LENGTH;
        int frameLength = len - VxlanHeader.LENGTH;
        int type = EthernetHeader.etherType(buf, eth);
        if (type == EthernetHeader.TYPE_ARP) {
            if (!ArpPacket.isWellFormed(buf, eth + EthernetHeader.LENGTH, frameLength - EthernetHeader.LENGTH)) {
                counters.drop(DropReason.MALFORMED);
            } else if (NeighborResponder.answerArp(buf, eth, vrf, 0) > 0) {
                tunnels.sendVxlan(buf, eth, EthernetHeader.LENGTH + ArpPacket.LENGTH, vni, source,
                        io.entropyPort(source), 0);
            } else {
                counters.drop(DropReason.ARP_NOT_PROXIED);
            }
        } else if (type != EthernetHeader.TYPE_IPV4 && type != EthernetHeader.TYPE_IPV6) {
            counters.drop(DropReason.UNSUPPORTED_ETHERTYPE);
        } else if (!p.parse(buf, eth + EthernetHeader.LENGTH, frameLength - EthernetHeader.LENGTH)
                || p.segmentSize > 0 && p.protocol != Ipv4Header.PROTO_TCP) {
            counters.drop(DropReason.MALFORMED);
        } else if (p.isMulticastDestination()) {
            counters.drop(DropReason.MULTICAST);
        } else {
            int nhId = p.family == 4 ? vrf.lookup4(p.ipv4Destination()) : vrf.lookup6(p.dstHigh, p.dstLow);
            NextHop nh = nhId == MultibitTrie.MISS ? null : tables.nextHop(nhId);
            if (nh == null) {
                counters.drop(DropReason.NO_ROUTE);
            } else {
                decapsulated(nh, buf, eth + EthernetHeader.LENGTH);
            }
        }
    }

    private void decapsulated(NextHop nh, ByteBuf buf, int l3) {
        switch (nh) {
            case NextHop.Interface i -> {
                Vif dst = tables.vif(i.vif());
                if (dst.policyEnabled()) {
                    int entry = flows.find(p, dst.vrf());
                    if (!flows.admit(p, entry, dst.vrf(), dst.vrf(), null, dst, 0)) {
                        return;
                    }
                }
                deliver(dst, buf, l3);
            }
            case NextHop.Receive r -> {
                EthernetHeader.write(buf, l3 - EthernetHeader.LENGTH, MacAddress.VROUTER.value(),
                        MacAddress.VROUTER.value(), p.family == 4 ? EthernetHeader.TYPE_IPV4 : EthernetHeader.TYPE_IPV6);
                packetIn(-1, PacketIn.Reason.RECEIVE, buf, l3 - EthernetHeader.LENGTH,
                        EthernetHeader.LENGTH + p.l3Length);
            }
            case NextHop.Discard d -> counters.drop(DropReason.DISCARD);
            default -> counters.drop(DropReason.INVALID_NEXTHOP);
        }
    }

    /** A frame the agent sends to a VM (e.g. its DHCP reply), as it is. */
    public void packetOut(int vifIndex, ByteBuf buf, int off, int len) {
        p.segmentSize = 0;
        Vif vif = tables.vif(vifIndex);
        if (vif == null) {
            counters.drop(DropReason.UNKNOWN_INTERFACE);
        } else {
            toInterface(vif, buf, off, len, 0);
        }
    }

    private void deliver(Vif dst, ByteBuf buf, int l3) {
        int eth = l3 - EthernetHeader.LENGTH;
        EthernetHeader.write(buf, eth, dst.mac(), MacAddress.VROUTER.value(),
                p.family == 4 ? EthernetHeader.TYPE_IPV4 : EthernetHeader.TYPE_IPV6);
        toInterface(dst, buf, eth, EthernetHeader.LENGTH + p.l3Length, p.segmentSize);
    }

    private void toInterface(Vif vif, ByteBuf buf, int off, int len, int segmentSize) {
        if (io.sendToInterface(vif, buf, off, len, segmentSize)) {
            counters.tx(vif.index(), len);
        } else {
            counters.drop(DropReason.TRANSMIT_ERROR);
        }
    }

    private void decrementTtl(ByteBuf buf) {
        if (p.family == 4) {
            Ipv4Header.decrementTtl(buf, p.l3Offset);
        } else {
            buf.setByte(p.l3Offset + Ipv6Header.OFFSET_HOP_LIMIT, p.ttl - 1);
        }
    }

    private void packetIn(int vif, PacketIn.Reason reason, ByteBuf buf, int off, int len) {
        if (p.segmentSize > 0) {
            // The agent gets an ordinary frame: finish the checksum the sender left to the device.
            PartialChecksum.complete(buf, p.l4Offset, p.l3Offset + p.l3Length - p.l4Offset, 0,
                    VirtioNetHeader.TCP_CHECKSUM_OFFSET);
        }
        byte[] frame = new byte[len];
        buf.getBytes(off, frame);
        if (!packetIns.offer(new PacketIn(vif, reason, frame))) {
            counters.drop(DropReason.PACKET_IN_QUEUE_FULL);
        }
    }
}
