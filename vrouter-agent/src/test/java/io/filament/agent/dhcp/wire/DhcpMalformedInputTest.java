package io.filament.agent.dhcp.wire;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DhcpMalformedInputTest {

    private static byte[] discoverPayload() {
        byte[] frame = GoldenPackets.frame("udhcpc-discover");
        return Arrays.copyOfRange(frame, 42, frame.length);
    }

    @Test
    void refusesAMessageShorterThanTheFixedPart() {
        assertThatThrownBy(() -> DhcpCodec.decode(new byte[100]))
                .isInstanceOfSatisfying(DhcpDecodeException.class, e -> e.field().equals("length"))
                .hasMessageContaining("'100'");
    }

    @Test
    void refusesAWrongMagicCookie() {
        byte[] p = discoverPayload();
        p[236] = 0;

        assertThatThrownBy(() -> DhcpCodec.decode(p)).hasMessageStartingWith("magic cookie '825363'");
    }

    @Test
    void refusesAnOptionRunningPastTheMessage() {
        byte[] p = Arrays.copyOf(discoverPayload(), 244);
        p[240] = 53;
        p[241] = 9;

        assertThatThrownBy(() -> DhcpCodec.decode(p)).hasMessageStartingWith("option 53 '9 bytes'");
    }

    @Test
    void refusesOptionsWithoutEnd() {
        byte[] p = Arrays.copyOf(discoverPayload(), 243);
        p[240] = 53;
        p[241] = 1;
        p[242] = 1;

        assertThatThrownBy(() -> DhcpCodec.decode(p)).hasMessageContaining("no end option");
    }

    @Test
    void refusesNonEthernetHardware() {
        byte[] p = discoverPayload();
        p[1] = 6;

        assertThatThrownBy(() -> DhcpCodec.decode(p)).hasMessageStartingWith("htype/hlen '6/6'");
    }

    @Test
    void refusesAFrameWhoseUdpChecksumDoesNotVerify() {
        byte[] frame = GoldenPackets.frame("udhcpc-discover");
        frame[frame.length - 1] ^= 1;

        assertThatThrownBy(() -> DhcpFrame.decode(frame)).hasMessageStartingWith("udp checksum");
    }

    @Test
    void refusesAFrameWhoseIpv4ChecksumDoesNotVerify() {
        byte[] frame = GoldenPackets.frame("udhcpc-discover");
        frame[22] ^= 1;

        assertThatThrownBy(() -> DhcpFrame.decode(frame)).hasMessageStartingWith("ipv4 checksum");
    }

    @Test
    void refusesAClasslessRouteLongerThan32Bits() {
        assertThatThrownBy(() -> ClasslessRoute.decode(new byte[] {33, 10, 0, 0, 0, 10, 0, 0, 1}))
                .hasMessageStartingWith("option 121 '/33'");
    }
}
