package io.filament.agent.dhcp.wire;

import io.filament.contracts.net.IpAddress;
import io.filament.contracts.net.IpPrefix;
import io.filament.contracts.net.MacAddress;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DhcpGoldenFrameTest {

    private static final MacAddress CLIENT = MacAddress.parse("02:5f:6b:6f:0c:5b");

    @Test
    void readsTheDiscoverOfBusyboxUdhcpc() {
        DhcpFrame frame = DhcpFrame.decode(GoldenPackets.frame("udhcpc-discover"));

        assertThat(frame.destinationMac()).isEqualTo(MacAddress.BROADCAST);
        assertThat(frame.sourceIp()).isEqualTo(IpAddress.parse("0.0.0.0"));
        assertThat(frame.destinationIp()).isEqualTo(IpAddress.parse("255.255.255.255"));
        assertThat(frame.sourcePort()).isEqualTo(68);
        assertThat(frame.destinationPort()).isEqualTo(67);
        DhcpMessage m = frame.message();
        assertThat(m.op()).isEqualTo(DhcpMessage.BOOTREQUEST);
        assertThat(m.xid()).isEqualTo(0x9d93d717);
        assertThat(m.broadcast()).isFalse();
        assertThat(m.chaddr()).isEqualTo(CLIENT);
        assertThat(m.messageType()).contains(DhcpMessageType.DISCOVER);
        assertThat(m.parameterRequestList()).containsExactly(1, 3, 6, 12, 15, 28, 42, 121);
    }

    @Test
    void readsTheRequestOfBusyboxUdhcpcSelectingAServer() {
        DhcpMessage m = DhcpFrame.decode(GoldenPackets.frame("udhcpc-request")).message();

        assertThat(m.messageType()).contains(DhcpMessageType.REQUEST);
        assertThat(m.requestedAddress()).contains(IpAddress.parse("10.1.1.3"));
        assertThat(m.serverIdentifier()).contains(IpAddress.parse("10.1.1.254"));
        assertThat(m.ciaddr()).isEqualTo(DhcpMessage.ZERO);
    }

    @Test
    void readsTheOfferOfBusyboxUdhcpdWithItsClasslessRoutes() {
        DhcpMessage m = DhcpFrame.decode(GoldenPackets.frame("udhcpd-offer")).message();

        assertThat(m.op()).isEqualTo(DhcpMessage.BOOTREPLY);
        assertThat(m.messageType()).contains(DhcpMessageType.OFFER);
        assertThat(m.yiaddr()).isEqualTo(IpAddress.parse("10.1.1.3"));
        assertThat(m.serverIdentifier()).contains(IpAddress.parse("10.1.1.254"));
        assertThat(ByteBuffer.wrap(m.option(DhcpOption.LEASE_TIME).orElseThrow().value()).getInt()).isEqualTo(86400);
        assertThat(m.option(DhcpOption.SUBNET_MASK).orElseThrow().value()).containsExactly(255, 255, 255, 0);
        assertThat(ClasslessRoute.decode(m.option(DhcpOption.CLASSLESS_STATIC_ROUTE).orElseThrow().value()))
                .containsExactly(new ClasslessRoute(IpPrefix.parse("10.2.0.0/16"), IpAddress.parse("10.1.1.254")));
    }

    @Test
    void reencodesEveryCapturedMessageByteForByte() {
        for (String name : List.of("udhcpc-discover", "udhcpd-offer", "udhcpc-request", "udhcpd-ack")) {
            byte[] captured = GoldenPackets.frame(name);
            byte[] payload = java.util.Arrays.copyOfRange(captured, 14 + 20 + 8, captured.length);

            assertThat(DhcpCodec.encode(DhcpCodec.decode(payload))).as(name).isEqualTo(payload);
        }
    }
}
