package io.filament.dataplane.offload;

import static org.assertj.core.api.Assertions.assertThat;

import io.filament.dataplane.packet.wire.InternetChecksum;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TcpSegmenterTest {

    private final TcpSegmenter segmenter = new TcpSegmenter();
    private final ByteBuf out = Unpooled.directBuffer(1 << 17);

    @Test
    void cutsAnIpv4SuperPacketIntoStandardSegmentsBehindTheirOwnLabel() {
        byte[] payload = TcpPackets.payload(5000, 1);
        ByteBuf in = TcpPackets.ipv4(1_000_000, 7, TcpPackets.ACK | TcpPackets.PSH, payload, true);

        int count = segmenter.segment(in, 0, 4, in.readableBytes() - 4, 1400, out, 0);

        assertThat(count).isEqualTo(4);
        int headers = 4 + 20 + TcpPackets.TCP_HEADER;
        assertThat(segmenter.stride()).isEqualTo(headers + 1400);
        assertThat(segmenter.bytes()).isEqualTo(4 * headers + 5000);
        for (int i = 0; i < count; i++) {
            int at = i * segmenter.stride();
            int chunk = i < 3 ? 1400 : 800;
            int ip = at + 4;
            int th = ip + 20;
            assertThat(out.getInt(at)).as("label").isEqualTo(TcpPackets.LABEL_WORD);
            assertThat(out.getUnsignedShort(ip + 2)).as("total length").isEqualTo(20 + TcpPackets.TCP_HEADER + chunk);
            assertThat(out.getUnsignedShort(ip + 4)).as("identification").isEqualTo(7 + i);
            assertThat(InternetChecksum.compute(out, ip, 20)).as("ip checksum verifies").isZero();
            assertThat(out.getUnsignedInt(th + 4)).as("sequence").isEqualTo(1_000_000L + 1400L * i);
            assertThat((int) out.getUnsignedByte(th + 13)).as("flags")
                    .isEqualTo(i < 3 ? TcpPackets.ACK : TcpPackets.ACK | TcpPackets.PSH);
            assertThat(TcpPackets.tcpChecksumValid(out, ip)).as("tcp checksum of segment " + i).isTrue();
            byte[] data = ByteBufUtil.getBytes(out, th + TcpPackets.TCP_HEADER, chunk);
            assertThat(data).isEqualTo(Arrays.copyOfRange(payload, 1400 * i, 1400 * i + chunk));
        }
    }

    @Test
    void cutsAnIpv6SuperPacketWithPayloadLengthsAndChecksumsOfItsOwn() {
        byte[] payload = TcpPackets.payload(3000, 2);
        ByteBuf in = TcpPackets.ipv6(0xFFFF_FF00L, TcpPackets.ACK, payload);

        int count = segmenter.segment(in, 0, 4, in.readableBytes() - 4, 1200, out, 0);

        assertThat(count).isEqualTo(3);
        for (int i = 0; i < count; i++) {
            int ip = i * segmenter.stride() + 4;
            int chunk = i < 2 ? 1200 : 600;
            assertThat(out.getUnsignedShort(ip + 4)).isEqualTo(TcpPackets.TCP_HEADER + chunk);
            assertThat(out.getUnsignedInt(ip + 40 + 4)).as("sequence wraps").isEqualTo((0xFFFF_FF00L + 1200L * i) & 0xFFFF_FFFFL);
            assertThat(TcpPackets.tcpChecksumValid(out, ip)).isTrue();
        }
    }

    @Test
    void refusesWhatIsNotAnUnfragmentedTcpPacket() {
        ByteBuf udp = TcpPackets.ipv4(1, 1, TcpPackets.ACK, new byte[100], false);
        udp.setByte(4 + 9, 17);
        assertThat(segmenter.segment(udp, 0, 4, udp.readableBytes() - 4, 50, out, 0)).isEqualTo(-1);

        ByteBuf fragment = TcpPackets.ipv4(1, 1, TcpPackets.ACK, new byte[100], false);
        fragment.setShort(4 + 6, 0x2000);
        assertThat(segmenter.segment(fragment, 0, 4, fragment.readableBytes() - 4, 50, out, 0)).isEqualTo(-1);

        ByteBuf tcp = TcpPackets.ipv4(1, 1, TcpPackets.ACK, new byte[100], false);
        assertThat(segmenter.segment(tcp, 0, 4, tcp.readableBytes() - 4, 0, out, 0)).as("no segment size").isEqualTo(-1);
        assertThat(segmenter.segment(tcp, 0, 4, tcp.readableBytes() - 4, 10, Unpooled.directBuffer(100), 0))
                .as("output too small").isEqualTo(-1);
    }
}
