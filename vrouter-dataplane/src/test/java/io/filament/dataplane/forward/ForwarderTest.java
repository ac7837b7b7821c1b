package io.filament.dataplane.forward;

import static io.filament.dataplane.forward.Frames.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.filament.dataplane.forward.InMemoryPacketIo.Sent;
import io.filament.dataplane.packet.wire.ArpPacket;
import io.filament.dataplane.packet.wire.EthernetHeader;
import io.filament.dataplane.packet.wire.GoldenFrames;
import io.filament.dataplane.packet.wire.Icmpv6Message;
import io.filament.dataplane.packet.wire.InternetChecksum;
import io.filament.dataplane.packet.wire.Ipv4Header;
import io.filament.dataplane.packet.wire.Ipv6Header;
import io.filament.dataplane.packet.wire.MacAddress;
import io.filament.dataplane.packet.wire.MplsLabelEntry;
import io.filament.dataplane.packet.wire.UdpHeader;
import io.filament.dataplane.packet.wire.VxlanHeader;
import io.filament.dataplane.table.NextHop;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ForwarderTest {

    private final PipelineFixture f = new PipelineFixture();

    private Sent only() {
        List<Sent> sent = f.io.take();
        assertThat(sent).hasSize(1);
        return sent.getFirst();
    }

    @Test
    void answersArpForAnotherVmWithTheVrouterMacExactlyAsGolden() {
        f.fromVm(3, GoldenFrames.bytes("arp-request"));
        Sent reply = only();
        assertThat(reply.vif()).isEqualTo(3);
        assertThat(reply.bytes()).isEqualTo(GoldenFrames.bytes("arp-reply"));
    }

    @Test
    void answersArpForTheGatewayAndRemoteAddresses() {
        f.fromVm(3, Frames.arpRequest(Frames.VM1_MAC, "10.1.1.3", "10.1.1.1"));
        f.fromVm(3, Frames.arpRequest(Frames.VM1_MAC, "10.1.1.3", "10.2.2.9"));
        List<Sent> sent = f.io.take();
        assertThat(sent).hasSize(2);
        ByteBuf reply = Unpooled.wrappedBuffer(sent.get(1).bytes());
        EthernetHeader.decode(reply);
        ArpPacket arp = ArpPacket.decode(reply);
        assertThat(arp.senderMac()).isEqualTo(MacAddress.VROUTER);
        assertThat(arp.senderIp()).isEqualTo(ip("10.2.2.9"));
    }

    @Test
    void deliversToALocalInterfaceWithRewrittenMacsAndDecrementedTtl() {
        f.fromVm(3, Frames.udp(Frames.VM1_MAC, "10.1.1.3", "10.1.1.4", 1000, 2000, 64, 10));
        Sent out = only();
        assertThat(out.vif()).isEqualTo(4);
        ByteBuf buf = Unpooled.wrappedBuffer(out.bytes());
        EthernetHeader eth = EthernetHeader.decode(buf);
        assertThat(eth.destination().value()).isEqualTo(Frames.VM2_MAC);
        assertThat(eth.source()).isEqualTo(MacAddress.VROUTER);
        assertThat(Ipv4Header.decode(buf).ttl()).isEqualTo(63);
        assertThat(f.txPackets(4)).isEqualTo(1);
        assertThat(f.rxPackets(3)).isEqualTo(1);
    }

    @Test
    void encapsulatesInMplsOverUdpWithEntropySourcePort() {
        f.fromVm(3, Frames.udp(Frames.VM1_MAC, "10.1.1.3", "10.2.2.4", 1000, 2000, 64, 10));
        Sent out = only();
        assertThat(out.remote()).isEqualTo(PipelineFixture.REMOTE);
        ByteBuf buf = Unpooled.wrappedBuffer(out.bytes());
        Ipv4Header outer = Ipv4Header.decode(buf);
        assertThat(outer.source()).isEqualTo(PipelineFixture.FABRIC);
        assertThat(outer.destination()).isEqualTo(PipelineFixture.REMOTE);
        assertThat(outer.protocol()).isEqualTo(Ipv4Header.PROTO_UDP);
        UdpHeader udp = UdpHeader.decode(buf);
        assertThat(udp.destinationPort()).isEqualTo(6635);
        assertThat(udp.sourcePort()).isBetween(49152, 65535);
        assertThat(udp.length()).isEqualTo(out.bytes().length - 20);
        assertThat(MplsLabelEntry.decode(buf)).isEqualTo(new MplsLabelEntry(17, 0, true, 64));
        Ipv4Header inner = Ipv4Header.decode(buf);
        assertThat(inner.ttl()).isEqualTo(63);
        assertThat(inner.destination()).isEqualTo(ip("10.2.2.4"));
    }

    @Test
    void keepsTheEntropyPortPerFlowAndSpreadsFlows() {
        Set<Integer> ports = new HashSet<>();
        for (int sport = 1000; sport < 1032; sport++) {
            f.fromVm(3, Frames.udp(Frames.VM1_MAC, "10.1.1.3", "10.2.2.4", sport, 2000, 64, 0));
            f.fromVm(3, Frames.udp(Frames.VM1_MAC, "10.1.1.3", "10.2.2.4", sport, 2000, 64, 0));
            List<Sent> two = f.io.take();
            int first = Unpooled.wrappedBuffer(two.get(0).bytes()).getUnsignedShort(20);
            assertThat(Unpooled.wrappedBuffer(two.get(1).bytes()).getUnsignedShort(20)).isEqualTo(first);
            ports.add(first);
        }
        assertThat(ports).hasSizeGreaterThan(20);
    }

    @Test
    void encapsulatesInVxlanWithTheInnerDestinationMac() {
        f.fromVm(3, Frames.udp(Frames.VM1_MAC, "10.1.1.3", "10.3.3.5", 1000, 2000, 64, 10));
        ByteBuf buf = Unpooled.wrappedBuffer(only().bytes());
        Ipv4Header.decode(buf);
        UdpHeader udp = UdpHeader.decode(buf);
        assertThat(udp.destinationPort()).isEqualTo(4789);
        assertThat(udp.sourcePort()).isBetween(49152, 65535);
        assertThat(VxlanHeader.decode(buf).vni()).isEqualTo(100);
        EthernetHeader inner = EthernetHeader.decode(buf);
        assertThat(inner.destination().value()).isEqualTo(PipelineFixture.REMOTE_VM_MAC);
        assertThat(inner.source()).isEqualTo(MacAddress.VROUTER);
        assertThat(Ipv4Header.decode(buf).ttl()).isEqualTo(63);
    }

    @Test
    void spreadsFlowsOverEcmpMembersAndKeepsEachFlowOnItsMember() {
        f.engine.withTables(t -> {
            t.addNextHop(new NextHop.Tunnel(22, NextHop.Encapsulation.MPLS_OVER_UDP, ip("127.0.0.13"), 18, 0));
            t.addNextHop(new NextHop.Ecmp(23, new int[] {20, 22}));
            t.addRoute(1, 4, PipelineFixture.v4("10.4.0.0"), 0, 16, 23);
            return null;
        });
        Set<Integer> remotes = new HashSet<>();
        for (int sport = 1000; sport < 1016; sport++) {
            f.fromVm(3, Frames.udp(Frames.VM1_MAC, "10.1.1.3", "10.4.0.9", sport, 53, 64, 0));
            f.fromVm(3, Frames.udp(Frames.VM1_MAC, "10.1.1.3", "10.4.0.9", sport, 53, 64, 0));
            List<Sent> two = f.io.take();
            assertThat(two.get(1).remote()).isEqualTo(two.get(0).remote());
            remotes.add(two.get(0).remote());
        }
        assertThat(remotes).containsExactlyInAnyOrder(PipelineFixture.REMOTE, ip("127.0.0.13"));
    }

    @Test
    void handsPacketsForAReceiveNextHopToTheAgent() {
        f.fromVm(3, Frames.echo(Frames.VM1_MAC, "10.1.1.3", "10.1.1.1", 5, 8));
        assertThat(f.io.sent()).isEmpty();
        List<PacketIn> in = f.engine.drainPacketIns(10);
        assertThat(in).hasSize(1);
        assertThat(in.getFirst().reason()).isEqualTo(PacketIn.Reason.RECEIVE);
        assertThat(in.getFirst().vif()).isEqualTo(3);
    }

    @Test
    void trapsDhcpToTheAgentAndSendsItsReplyBack() {
        f.fromVm(3, Frames.udp(Frames.VM1_MAC, "0.0.0.0", "255.255.255.255", 68, 67, 64, 240));
        List<PacketIn> in = f.engine.drainPacketIns(10);
        assertThat(in).singleElement().satisfies(p -> {
            assertThat(p.reason()).isEqualTo(PacketIn.Reason.DHCP);
            assertThat(p.vif()).isEqualTo(3);
            assertThat(p.frame()).hasSize(14 + 20 + 8 + 240);
        });
        byte[] reply = Frames.udp(Frames.VROUTER, "10.1.1.254", "10.1.1.3", 67, 68, 64, 300);
        ByteBuf buf = Frames.withHeadroom(reply);
        f.engine.packetOut(3, buf, Forwarder.HEADROOM, reply.length);
        Sent out = only();
        assertThat(out.vif()).isEqualTo(3);
        assertThat(out.bytes()).isEqualTo(reply);
    }

    @Test
    void decapsulatesMplsByLabelToTheInterfaceItNames() {
        byte[] inner = Frames.echo(Frames.VM2_MAC, "10.2.2.4", "10.1.1.3", 9, 8);
        ByteBuf payload = Unpooled.buffer();
        payload.writeInt(MplsLabelEntry.word(30, 0, true, 64));
        payload.writeBytes(inner, 14, inner.length - 14);
        f.fromFabric(6635, ByteBufUtil.getBytes(payload));
        Sent out = only();
        assertThat(out.vif()).isEqualTo(3);
        ByteBuf buf = Unpooled.wrappedBuffer(out.bytes());
        EthernetHeader eth = EthernetHeader.decode(buf);
        assertThat(eth.destination().value()).isEqualTo(Frames.VM1_MAC);
        assertThat(eth.source()).isEqualTo(MacAddress.VROUTER);
        assertThat(Ipv4Header.decode(buf).source()).isEqualTo(ip("10.2.2.4"));
        assertThat(f.fabricRxPackets()).isEqualTo(1);
    }

    @Test
    void acceptsTheLegacyMplsOverUdpPort() {
        byte[] inner = Frames.echo(Frames.VM2_MAC, "10.2.2.4", "10.1.1.3", 9, 8);
        ByteBuf payload = Unpooled.buffer().writeInt(MplsLabelEntry.word(30, 0, true, 64));
        payload.writeBytes(inner, 14, inner.length - 14);
        f.fromFabric(51234, ByteBufUtil.getBytes(payload));
        assertThat(only().vif()).isEqualTo(3);
    }

    @Test
    void decapsulatesVxlanByVniAndRoutesTheInnerPacket() {
        byte[] frame = Frames.echo(PipelineFixture.REMOTE_VM_MAC, "10.3.3.5", "10.1.1.4", 9, 8);
        ByteBuf payload = Unpooled.buffer();
        new VxlanHeader(VxlanHeader.FLAG_I, 100).encode(payload);
        payload.writeBytes(frame);
        f.fromFabric(4789, ByteBufUtil.getBytes(payload));
        Sent out = only();
        assertThat(out.vif()).isEqualTo(4);
        assertThat(MacAddress.get(Unpooled.wrappedBuffer(out.bytes()), 0)).isEqualTo(Frames.VM2_MAC);
    }

    @Test
    void answersArpArrivingOverVxlanBackThroughTheTunnel() {
        ByteBuf payload = Unpooled.buffer();
        new VxlanHeader(VxlanHeader.FLAG_I, 100).encode(payload);
        payload.writeBytes(Frames.arpRequest(PipelineFixture.REMOTE_VM_MAC, "10.1.1.99", "10.1.1.3"));
        f.fromFabric(4789, ByteBufUtil.getBytes(payload));
        Sent out = only();
        assertThat(out.remote()).isEqualTo(PipelineFixture.REMOTE);
        ByteBuf buf = Unpooled.wrappedBuffer(out.bytes());
        Ipv4Header.decode(buf);
        assertThat(UdpHeader.decode(buf).destinationPort()).isEqualTo(4789);
        assertThat(VxlanHeader.decode(buf).vni()).isEqualTo(100);
        assertThat(EthernetHeader.decode(buf).destination().value()).isEqualTo(PipelineFixture.REMOTE_VM_MAC);
        ArpPacket arp = ArpPacket.decode(buf);
        assertThat(arp.operation()).isEqualTo(ArpPacket.OP_REPLY);
        assertThat(arp.senderIp()).isEqualTo(ip("10.1.1.3"));
        assertThat(arp.senderMac()).isEqualTo(MacAddress.VROUTER);
    }

    @Test
    void forwardsIpv6WithHopLimitDecrement() {
        f.fromVm(3, Frames.ipv6Udp(Frames.VM1_MAC, 3, PipelineFixture.V6_HIGH, 4, 64));
        Sent out = only();
        assertThat(out.vif()).isEqualTo(4);
        ByteBuf buf = Unpooled.wrappedBuffer(out.bytes());
        EthernetHeader.decode(buf);
        assertThat(Ipv6Header.decode(buf).hopLimit()).isEqualTo(63);
    }

    @Test
    void answersNeighborSolicitationWithAValidAdvertisement() {
        f.fromVm(3, Frames.neighborSolicitation(Frames.VM1_MAC, 3, PipelineFixture.V6_HIGH, 4));
        Sent out = only();
        ByteBuf buf = Unpooled.wrappedBuffer(out.bytes());
        EthernetHeader eth = EthernetHeader.decode(buf);
        assertThat(eth.source()).isEqualTo(MacAddress.VROUTER);
        Ipv6Header ip6 = Ipv6Header.decode(buf);
        assertThat(ip6.sourceLow()).isEqualTo(4);
        assertThat(ip6.destinationLow()).isEqualTo(3);
        Icmpv6Message na = Icmpv6Message.decode(buf, 14, ip6.payloadLength());
        assertThat(na.type()).isEqualTo(Icmpv6Message.NEIGHBOR_ADVERTISEMENT);
        assertThat(MacAddress.get(Unpooled.wrappedBuffer(out.bytes()), 14 + 40 + 26))
                .isEqualTo(MacAddress.VROUTER.value());
    }

    @Test
    void leavesDuplicateAddressProbesUnanswered() {
        f.fromVm(3, Frames.neighborSolicitation(Frames.VM1_MAC, 0, PipelineFixture.V6_HIGH, 4));
        assertThat(f.io.sent()).isEmpty();
        assertThat(f.drops(DropReason.ARP_NOT_PROXIED)).isEqualTo(1);
    }

    @Test
    void keepsIpv4HeaderChecksumValidAfterForwarding() {
        f.fromVm(3, Frames.tcp(Frames.VM1_MAC, "10.1.1.3", "10.1.1.4", 40000, 80, 0x02));
        ByteBuf buf = Unpooled.wrappedBuffer(only().bytes());
        assertThat(InternetChecksum.compute(buf, 14, 20)).isZero();
    }
}
