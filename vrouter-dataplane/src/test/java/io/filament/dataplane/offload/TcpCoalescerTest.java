package io.filament.dataplane.offload;

import static org.assertj.core.api.Assertions.assertThat;

import io.filament.dataplane.packet.wire.InternetChecksum;
import io.filament.dataplane.packet.wire.UdpHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TcpCoalescerTest {

    private static final int PEER = 0x7F00_002A;

    record Frame(int source, int port, byte[] bytes, int segmentSize) {
    }

    private final List<Frame> frames = new ArrayList<>();
    private final TcpCoalescer coalescer = new TcpCoalescer(UdpHeader.PORT_MPLS_OVER_UDP,
            (source, port, buf, offset, length, segmentSize) ->
                    frames.add(new Frame(source, port, ByteBufUtil.getBytes(buf, offset, length), segmentSize)));

    private void offer(ByteBuf datagram) {
        coalescer.offer(PEER, 50000, datagram, datagram.readerIndex(), datagram.readableBytes());
    }

    /** The segments a sender's {@link TcpSegmenter} made of one super-packet, as separate datagrams. */
    private static List<ByteBuf> segmentsOf(ByteBuf superPacket, int mss) {
        TcpSegmenter segmenter = new TcpSegmenter();
        ByteBuf out = Unpooled.directBuffer(1 << 17);
        int count = segmenter.segment(superPacket, 0, 4, superPacket.readableBytes() - 4, mss, out, 0);
        List<ByteBuf> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int at = i * segmenter.stride();
            list.add(out.slice(at, Math.min(segmenter.stride(), segmenter.bytes() - at)));
        }
        return list;
    }

    @Test
    void mergesTheInOrderSegmentsOfOneConnectionIntoOneSuperPacket() {
        byte[] payload = TcpPackets.payload(10_000, 3);
        segmentsOf(TcpPackets.ipv4(5000, 1, TcpPackets.ACK | TcpPackets.PSH, payload, true), 1448)
                .forEach(this::offer);

        assertThat(frames).hasSize(1);
        Frame f = frames.getFirst();
        assertThat(f.segmentSize()).isEqualTo(1448);
        ByteBuf b = Unpooled.wrappedBuffer(f.bytes());
        int ip = 4;
        int th = ip + 20;
        assertThat(b.getInt(0)).isEqualTo(TcpPackets.LABEL_WORD);
        assertThat(b.getUnsignedShort(ip + 2)).isEqualTo(20 + TcpPackets.TCP_HEADER + 10_000);
        assertThat(InternetChecksum.compute(b, ip, 20)).isZero();
        assertThat(b.getUnsignedInt(th + 4)).isEqualTo(5000);
        assertThat((int) b.getUnsignedByte(th + 13)).as("PSH of the last segment").isEqualTo(TcpPackets.ACK | TcpPackets.PSH);
        assertThat(ByteBufUtil.getBytes(b, th + TcpPackets.TCP_HEADER, 10_000)).isEqualTo(payload);
        long pseudo = InternetChecksum.pseudoHeaderV4(TcpPackets.SRC, TcpPackets.DST, 6, TcpPackets.TCP_HEADER + 10_000);
        assertThat(b.getUnsignedShort(th + 16)).as("partial checksum").isEqualTo(InternetChecksum.fold(pseudo));
        assertThat(PartialChecksum.complete(b, ip, b.readableBytes() - ip, 20, 16)).isTrue();
        assertThat(TcpPackets.tcpChecksumValid(b, ip)).isTrue();
    }

    @Test
    void passesASingleSegmentThroughUntouchedAtTheEndOfABatch() {
        ByteBuf only = TcpPackets.ipv4(1, 1, TcpPackets.ACK, TcpPackets.payload(100, 4), false);
        byte[] original = ByteBufUtil.getBytes(only);
        offer(only);
        assertThat(frames).isEmpty();
        coalescer.flush();
        assertThat(frames).singleElement().satisfies(f -> {
            assertThat(f.bytes()).isEqualTo(original);
            assertThat(f.segmentSize()).isZero();
        });
    }

    @Test
    void keepsArrivalOrderAndDoesNotMergeAcrossAGapInSequence() {
        List<ByteBuf> segments = segmentsOf(TcpPackets.ipv4(0, 1, TcpPackets.ACK, TcpPackets.payload(3000, 5), true), 1000);
        offer(segments.get(0));
        offer(segments.get(2));
        offer(segments.get(1));
        coalescer.flush();
        assertThat(frames).extracting(f -> Unpooled.wrappedBuffer(f.bytes()).getUnsignedInt(4 + 20 + 4))
                .containsExactly(0L, 2000L, 1000L);
        assertThat(frames).allSatisfy(f -> assertThat(f.segmentSize()).isZero());
    }

    @Test
    void doesNotMergeControlSegmentsOrOtherTrafficAndKeepsThemInOrder() {
        ByteBuf syn = TcpPackets.ipv4(0, 1, 0x02, new byte[0], false);
        ByteBuf data = TcpPackets.ipv4(1, 2, TcpPackets.ACK, TcpPackets.payload(500, 6), false);
        ByteBuf fin = TcpPackets.ipv4(501, 3, TcpPackets.ACK | 0x01, TcpPackets.payload(500, 7), false);
        ByteBuf notIp = Unpooled.directBuffer(8).writeInt(TcpPackets.LABEL_WORD).writeInt(0x12345678);
        offer(syn);
        offer(data);
        offer(fin);
        offer(notIp);
        coalescer.flush();
        assertThat(frames).hasSize(4).allSatisfy(f -> assertThat(f.segmentSize()).isZero());
        assertThat(frames.get(3).bytes()).hasSize(8);
    }

    @Test
    void doesNotMergeSegmentsFromAnotherSender() {
        List<ByteBuf> segments = segmentsOf(TcpPackets.ipv4(0, 1, TcpPackets.ACK, TcpPackets.payload(2000, 8), true), 1000);
        coalescer.offer(PEER, 50000, segments.get(0), 0, segments.get(0).readableBytes());
        coalescer.offer(PEER + 1, 50000, segments.get(1), 0, segments.get(1).readableBytes());
        coalescer.flush();
        assertThat(frames).hasSize(2).extracting(Frame::source).containsExactly(PEER, PEER + 1);
    }

    @Test
    void mergesIpv6SegmentsAndRewritesThePayloadLength() {
        byte[] payload = TcpPackets.payload(4000, 9);
        segmentsOf(TcpPackets.ipv6(77, TcpPackets.ACK, payload), 1000).forEach(this::offer);
        coalescer.flush();
        assertThat(frames).singleElement().satisfies(f -> {
            ByteBuf b = Unpooled.wrappedBuffer(f.bytes());
            assertThat(f.segmentSize()).isEqualTo(1000);
            assertThat(b.getUnsignedShort(4 + 4)).isEqualTo(TcpPackets.TCP_HEADER + 4000);
            PartialChecksum.complete(b, 4, b.readableBytes() - 4, 40, 16);
            assertThat(TcpPackets.tcpChecksumValid(b, 4)).isTrue();
            assertThat(ByteBufUtil.getBytes(b, 4 + 40 + TcpPackets.TCP_HEADER, 4000)).isEqualTo(payload);
        });
    }

    @Property(tries = 200)
    void segmentingThenCoalescingGivesBackThePayload(@ForAll @IntRange(min = 1, max = 60_000) int length,
                                                    @ForAll @IntRange(min = 500, max = 1460) int mss) {
        frames.clear();
        byte[] payload = TcpPackets.payload(length, length * 31L + mss);
        segmentsOf(TcpPackets.ipv4(123, 1, TcpPackets.ACK, payload, true), mss).forEach(this::offer);
        coalescer.flush();
        assertThat(frames).hasSize(1);
        Frame f = frames.getFirst();
        assertThat(f.segmentSize()).isEqualTo(length > mss ? mss : 0);
        assertThat(ByteBufUtil.getBytes(Unpooled.wrappedBuffer(f.bytes()), 4 + 20 + TcpPackets.TCP_HEADER, length))
                .isEqualTo(payload);
    }
}
