package io.filament.agent.dhcp.server;

import io.filament.agent.dhcp.wire.ClasslessRoute;
import io.filament.agent.dhcp.wire.DhcpFrame;
import io.filament.agent.dhcp.wire.DhcpMessage;
import io.filament.agent.dhcp.wire.DhcpMessageType;
import io.filament.agent.dhcp.wire.DhcpOption;
import io.filament.agent.dhcp.wire.GoldenPackets;
import io.filament.contracts.net.IpAddress;
import io.filament.contracts.net.IpPrefix;
import io.filament.contracts.net.MacAddress;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DhcpServerTest {

    private static final MacAddress CLIENT = MacAddress.parse("02:5f:6b:6f:0c:5b");
    private static final IpAddress GATEWAY = IpAddress.parse("10.1.1.254");
    private static final DhcpBinding BINDING = new DhcpBinding(CLIENT, IpAddress.parse("10.1.1.3"),
            IpPrefix.parse("10.1.1.0/24"), GATEWAY, List.of(IpAddress.parse("10.1.1.253")),
            List.of(new ClasslessRoute(IpPrefix.parse("10.2.0.0/16"), GATEWAY)), 86400, Optional.empty());
    private static final Instant NOW = Instant.parse("2026-11-28T06:00:00Z");

    private final DhcpServer server = new DhcpServer(Clock.fixed(NOW, ZoneOffset.UTC));

    private static DhcpMessage captured(String name) {
        return DhcpFrame.decode(GoldenPackets.frame(name)).message();
    }

    private DhcpMessage reply(DhcpMessage request) {
        DhcpDecision d = server.handle(request, Optional.of(BINDING));
        assertThat(d).isInstanceOf(DhcpDecision.Reply.class);
        return ((DhcpDecision.Reply) d).message();
    }

    private static DhcpMessage withOptions(DhcpMessage m, IpAddress ciaddr, List<DhcpOption> options) {
        return new DhcpMessage(m.op(), m.xid(), m.secs(), m.broadcast(), ciaddr, m.yiaddr(), m.siaddr(), m.giaddr(),
                m.chaddr(), options);
    }

    private static DhcpOption type(DhcpMessageType t) {
        return new DhcpOption(DhcpOption.MESSAGE_TYPE, new byte[] {(byte) t.code()});
    }

    @Test
    void answersUdhcpcsDiscoverWithTheGoldenOffer() {
        DhcpMessage offer = reply(captured("udhcpc-discover"));
        byte[] frame = DhcpReplyFrames.frame(offer, GATEWAY).encode();

        assertThat(HexFormat.of().formatHex(frame)).isEqualTo(HexFormat.of().formatHex(GoldenPackets.frame("filament-offer")));
        assertThat(server.lease(CLIENT)).map(Lease::state).contains(LeaseState.OFFERED);
    }

    @Test
    void acknowledgesUdhcpcsRequestWithTheGoldenAck() {
        reply(captured("udhcpc-discover"));
        DhcpMessage ack = reply(captured("udhcpc-request"));

        assertThat(HexFormat.of().formatHex(DhcpReplyFrames.frame(ack, GATEWAY).encode()))
                .isEqualTo(HexFormat.of().formatHex(GoldenPackets.frame("filament-ack")));
        assertThat(server.lease(CLIENT)).contains(new Lease(CLIENT, BINDING.address(), LeaseState.BOUND,
                NOW.plusSeconds(86400)));
    }

    @Test
    void offersAddressMaskGatewayDnsLeaseAndRoutesWithTheDefaultRouteAdded() {
        DhcpMessage offer = reply(captured("udhcpc-discover"));

        assertThat(offer.messageType()).contains(DhcpMessageType.OFFER);
        assertThat(offer.yiaddr()).isEqualTo(IpAddress.parse("10.1.1.3"));
        assertThat(offer.serverIdentifier()).contains(GATEWAY);
        assertThat(offer.option(DhcpOption.SUBNET_MASK).orElseThrow().value()).containsExactly(255, 255, 255, 0);
        assertThat(offer.option(DhcpOption.ROUTER).orElseThrow().value()).containsExactly(GATEWAY.toBytes());
        assertThat(offer.option(DhcpOption.DOMAIN_NAME_SERVER).orElseThrow().value()).containsExactly(10, 1, 1, (byte) 253);
        assertThat(ClasslessRoute.decode(offer.option(DhcpOption.CLASSLESS_STATIC_ROUTE).orElseThrow().value()))
                .containsExactly(new ClasslessRoute(IpPrefix.parse("10.2.0.0/16"), GATEWAY),
                        new ClasslessRoute(IpPrefix.parse("0.0.0.0/0"), GATEWAY));
    }

    @Test
    void leavesOutClasslessRoutesWhenTheClientDidNotAskForThem() {
        DhcpMessage discover = withOptions(captured("udhcpc-discover"), DhcpMessage.ZERO,
                List.of(type(DhcpMessageType.DISCOVER), new DhcpOption(DhcpOption.PARAMETER_REQUEST_LIST, new byte[] {1, 3})));

        assertThat(reply(discover).option(DhcpOption.CLASSLESS_STATIC_ROUTE)).isEmpty();
    }

    @Test
    void naksARequestForAnotherAddress() {
        DhcpMessage request = withOptions(captured("udhcpc-request"), DhcpMessage.ZERO, List.of(
                type(DhcpMessageType.REQUEST),
                new DhcpOption(DhcpOption.REQUESTED_ADDRESS, IpAddress.parse("10.1.1.9").toBytes())));

        DhcpMessage nak = reply(request);

        assertThat(nak.messageType()).contains(DhcpMessageType.NAK);
        assertThat(nak.yiaddr()).isEqualTo(DhcpMessage.ZERO);
        assertThat(DhcpReplyFrames.frame(nak, GATEWAY).destinationMac()).isEqualTo(MacAddress.BROADCAST);
        assertThat(server.lease(CLIENT)).isEmpty();
    }

    @Test
    void staysSilentWhenTheClientSelectedAnotherServer() {
        DhcpMessage request = withOptions(captured("udhcpc-request"), DhcpMessage.ZERO, List.of(
                type(DhcpMessageType.REQUEST),
                new DhcpOption(DhcpOption.SERVER_IDENTIFIER, IpAddress.parse("10.1.1.1").toBytes()),
                new DhcpOption(DhcpOption.REQUESTED_ADDRESS, BINDING.address().toBytes())));

        assertThat(server.handle(request, Optional.of(BINDING)))
                .isEqualTo(new DhcpDecision.Silent(DhcpDecision.SilenceReason.ANOTHER_SERVER_SELECTED));
    }

    @Test
    void renewsALeaseByUnicastToTheClientAddress() {
        DhcpMessage renew = withOptions(captured("udhcpc-request"), BINDING.address(), List.of(type(DhcpMessageType.REQUEST)));

        DhcpMessage ack = reply(renew);
        DhcpFrame frame = DhcpReplyFrames.frame(ack, GATEWAY);

        assertThat(ack.messageType()).contains(DhcpMessageType.ACK);
        assertThat(frame.destinationIp()).isEqualTo(BINDING.address());
        assertThat(frame.destinationMac()).isEqualTo(CLIENT);
    }

    @Test
    void naksARenewalFromAnAddressThatIsNotThePorts() {
        DhcpMessage renew = withOptions(captured("udhcpc-request"), IpAddress.parse("10.1.1.77"),
                List.of(type(DhcpMessageType.REQUEST)));

        assertThat(reply(renew).messageType()).contains(DhcpMessageType.NAK);
    }

    @Test
    void recordsAReleaseAndDoesNotAnswer() {
        reply(captured("udhcpc-request"));
        DhcpMessage release = withOptions(captured("udhcpc-request"), BINDING.address(), List.of(type(DhcpMessageType.RELEASE)));

        assertThat(server.handle(release, Optional.of(BINDING)))
                .isEqualTo(new DhcpDecision.Silent(DhcpDecision.SilenceReason.RELEASED));
        assertThat(server.lease(CLIENT)).map(Lease::state).contains(LeaseState.RELEASED);
    }

    @Test
    void answersInformWithoutAddressOrLease() {
        DhcpMessage inform = withOptions(captured("udhcpc-request"), BINDING.address(), List.of(type(DhcpMessageType.INFORM)));

        DhcpMessage ack = reply(inform);

        assertThat(ack.yiaddr()).isEqualTo(DhcpMessage.ZERO);
        assertThat(ack.option(DhcpOption.LEASE_TIME)).isEmpty();
    }

    @Test
    void staysSilentForAPortWithoutConfigOrAForeignMac() {
        DhcpMessage discover = captured("udhcpc-discover");
        DhcpBinding other = new DhcpBinding(MacAddress.parse("02:00:00:00:00:01"), BINDING.address(), BINDING.subnet(),
                GATEWAY, List.of(), List.of(), 60, Optional.empty());

        assertThat(server.handle(discover, Optional.empty()))
                .isEqualTo(new DhcpDecision.Silent(DhcpDecision.SilenceReason.NO_BINDING_FOR_PORT));
        assertThat(server.handle(discover, Optional.of(other)))
                .isEqualTo(new DhcpDecision.Silent(DhcpDecision.SilenceReason.NO_BINDING_FOR_PORT));
    }

    @Test
    void ignoresServerMessages() {
        assertThat(server.handle(captured("udhcpd-offer"), Optional.of(BINDING)))
                .isEqualTo(new DhcpDecision.Silent(DhcpDecision.SilenceReason.NOT_A_CLIENT_MESSAGE));
    }

    @Test
    void broadcastsWhenTheClientAskedForIt() {
        DhcpMessage d = captured("udhcpc-discover");
        DhcpMessage broadcast = new DhcpMessage(d.op(), d.xid(), d.secs(), true, d.ciaddr(), d.yiaddr(), d.siaddr(),
                d.giaddr(), d.chaddr(), new ArrayList<>(d.options()));

        DhcpFrame frame = DhcpReplyFrames.frame(reply(broadcast), GATEWAY);

        assertThat(frame.destinationIp()).isEqualTo(IpAddress.parse("255.255.255.255"));
        assertThat(frame.destinationMac()).isEqualTo(MacAddress.BROADCAST);
    }
}
