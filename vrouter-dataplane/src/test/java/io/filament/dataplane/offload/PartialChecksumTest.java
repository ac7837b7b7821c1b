package io.filament.dataplane.offload;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

class PartialChecksumTest {

    @Test
    void finishesATcpChecksumTheSenderLeftToTheDevice() {
        ByteBuf packet = TcpPackets.ipv4(9, 1, TcpPackets.ACK, TcpPackets.payload(777, 10), true);
        assertThat(TcpPackets.tcpChecksumValid(packet, 4)).isFalse();
        assertThat(PartialChecksum.complete(packet, 4, packet.readableBytes() - 4, 20, 16)).isTrue();
        assertThat(TcpPackets.tcpChecksumValid(packet, 4)).isTrue();
    }

    @Test
    void refusesOffsetsOutsideTheFrameAndWritesNothing() {
        ByteBuf packet = TcpPackets.ipv4(9, 1, TcpPackets.ACK, new byte[10], true);
        int before = packet.getUnsignedShort(4 + 20 + 16);
        assertThat(PartialChecksum.complete(packet, 4, 60, 59, 16)).isFalse();
        assertThat(PartialChecksum.complete(packet, 4, 60, -1, 16)).isFalse();
        assertThat(packet.getUnsignedShort(4 + 20 + 16)).isEqualTo(before);
    }
}
