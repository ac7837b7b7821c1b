package io.filament.dataplane.forward;

import static io.filament.dataplane.forward.Frames.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.filament.dataplane.forward.InMemoryPacketIo.Sent;
import io.filament.dataplane.packet.wire.ArpPacket;
import io.filament.dataplane.packet.wire.EthernetHeader;
import io.filament.dataplane.packet.wire.Icmpv6Message;
import io.filament.dataplane.packet.wire.Ipv6Header;
import io.filament.dataplane.packet.wire.MacAddress;
import io.filament.dataplane.table.NextHop;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A VM's ARP request or neighbour solicitation for an address its VRF does not route yet is held and answered when
 * the route arrives, as long as the guest would still be waiting for it; in the fixture 10.4.4.0/24 and
 * fd00:1::7 are not routed until a test adds them.
 */
class HeldNeighborRequestsTest {

    private final PipelineFixture f = new PipelineFixture();

    private void routeRemoteSubnet() {
        routeRemote("10.4.4.0", 24);
    }

    private void routeRemote(String prefix, int length) {
        f.engine.withTables(t -> {
            t.addNextHop(new NextHop.Tunnel(22, NextHop.Encapsulation.MPLS_OVER_UDP, PipelineFixture.REMOTE, 18, 0));
            t.addRoute(1, 4, PipelineFixture.v4(prefix), 0, length, 22);
            return null;
        });
    }

    @Test
    void answersARequestForAnUnroutedAddressOnceTheRouteArrives() {
        f.fromVm(3, Frames.arpRequest(Frames.VM1_MAC, "10.1.1.3", "10.4.4.7"));
        assertThat(f.io.take()).isEmpty();
        assertThat(f.drops(DropReason.ARP_NOT_PROXIED)).isEqualTo(1);

        f.clock.advance(Duration.ofMillis(900));
        routeRemoteSubnet();

        List<Sent> sent = f.io.take();
        assertThat(sent).hasSize(1);
        assertThat(sent.getFirst().vif()).isEqualTo(3);
        ByteBuf reply = Unpooled.wrappedBuffer(sent.getFirst().bytes());
        EthernetHeader eth = EthernetHeader.decode(reply);
        assertThat(eth.destination().value()).isEqualTo(Frames.VM1_MAC);
        assertThat(eth.source()).isEqualTo(MacAddress.VROUTER);
        ArpPacket arp = ArpPacket.decode(reply);
        assertThat(arp.operation()).isEqualTo(ArpPacket.OP_REPLY);
        assertThat(arp.senderMac()).isEqualTo(MacAddress.VROUTER);
        assertThat(arp.senderIp()).isEqualTo(ip("10.4.4.7"));
        assertThat(arp.targetIp()).isEqualTo(ip("10.1.1.3"));
        assertThat(f.txPackets(3)).isEqualTo(1);
    }

    @Test
    void answersOnceEvenWhenTheGuestAskedRepeatedlyAndTablesChangeAgain() {
        f.fromVm(3, Frames.arpRequest(Frames.VM1_MAC, "10.1.1.3", "10.4.4.7"));
        f.fromVm(3, Frames.arpRequest(Frames.VM1_MAC, "10.1.1.3", "10.4.4.7"));
        routeRemoteSubnet();
        f.engine.withTables(t -> {
            t.addLabel(31, 10);
            return null;
        });

        assertThat(f.io.take()).hasSize(1);
    }

    @Test
    void forgetsARequestTheGuestHasGivenUpOn() {
        f.fromVm(3, Frames.arpRequest(Frames.VM1_MAC, "10.1.1.3", "10.4.4.7"));
        f.clock.advance(Duration.ofMillis(HeldNeighborRequests.HOLD_MILLIS + 1));
        routeRemoteSubnet();

        assertThat(f.io.take()).isEmpty();
    }

    @Test
    void holdsNothingForRequestsThatAreNeverAnswered() {
        f.fromVm(3, Frames.arpRequest(Frames.VM1_MAC, "10.1.1.3", "10.1.1.3"));
        routeRemoteSubnet();

        assertThat(f.io.take()).isEmpty();
    }

    @Test
    void sendsNothingWhenTheInterfaceWentAwayMeanwhile() {
        f.fromVm(3, Frames.arpRequest(Frames.VM1_MAC, "10.1.1.3", "10.4.4.7"));
        f.engine.withTables(t -> {
            t.removeLabel(30);
            t.removeRoute(1, 4, PipelineFixture.v4("10.1.1.3"), 0, 32);
            t.removeRoute(1, 6, PipelineFixture.V6_HIGH, 3, 128);
            t.removeNextHop(10);
            t.removeInterface(3);
            return null;
        });
        routeRemoteSubnet();

        assertThat(f.io.take()).isEmpty();
    }

    @Test
    void keepsTheNewestRequestsWhenMoreArePendingThanItHolds() {
        for (int i = 0; i < HeldNeighborRequests.CAPACITY + 10; i++) {
            f.clock.advance(Duration.ofMillis(1));
            f.fromVm(3, Frames.arpRequest(Frames.VM1_MAC, "10.1.1.3", "10.4." + (4 + i / 250) + "." + (1 + i % 250)));
        }
        routeRemote("10.4.0.0", 16);

        List<Sent> sent = f.io.take();
        assertThat(sent).hasSize(HeldNeighborRequests.CAPACITY);
        assertThat(sent).noneMatch(s -> ArpPacket.decode(skipEthernet(s.bytes())).senderIp() == ip("10.4.4.1"));
    }

    private static ByteBuf skipEthernet(byte[] frame) {
        ByteBuf buf = Unpooled.wrappedBuffer(frame);
        EthernetHeader.decode(buf);
        return buf;
    }

    @Test
    void answersANeighborSolicitationForAnUnroutedAddressOnceTheRouteArrives() {
        f.fromVm(3, Frames.neighborSolicitation(Frames.VM1_MAC, 3, PipelineFixture.V6_HIGH, 7));
        assertThat(f.io.take()).isEmpty();

        f.engine.withTables(t -> {
            t.addRoute(1, 6, PipelineFixture.V6_HIGH, 7, 128, 20);
            return null;
        });

        List<Sent> sent = f.io.take();
        assertThat(sent).hasSize(1);
        assertThat(sent.getFirst().vif()).isEqualTo(3);
        ByteBuf reply = Unpooled.wrappedBuffer(sent.getFirst().bytes());
        EthernetHeader eth = EthernetHeader.decode(reply);
        assertThat(eth.destination().value()).isEqualTo(Frames.VM1_MAC);
        Ipv6Header ip = Ipv6Header.decode(reply);
        assertThat(ip.sourceLow()).isEqualTo(7);
        assertThat(ip.destinationLow()).isEqualTo(3);
        Icmpv6Message na = Icmpv6Message.decode(reply, 14, ip.payloadLength());
        assertThat(na.type()).isEqualTo(Icmpv6Message.NEIGHBOR_ADVERTISEMENT);
        assertThat(MacAddress.get(Unpooled.wrappedBuffer(sent.getFirst().bytes()), 14 + 40 + 26))
                .isEqualTo(MacAddress.VROUTER.value());
    }
}
