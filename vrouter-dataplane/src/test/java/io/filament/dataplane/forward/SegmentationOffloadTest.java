package io.filament.dataplane.forward;

import static io.filament.dataplane.forward.Frames.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.filament.dataplane.forward.InMemoryPacketIo.Sent;
import io.filament.dataplane.packet.wire.EthernetHeader;
import io.filament.dataplane.packet.wire.InternetChecksum;
import io.filament.dataplane.packet.wire.Ipv4Header;
import io.filament.dataplane.packet.wire.MacAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** TCP super-packets (segmentation offload) through the pipeline: forwarded whole, with their segment size. */
class SegmentationOffloadTest {

    private static final int PAYLOAD = 4000;
    private static final int MSS = 1400;
    private final PipelineFixture f = new PipelineFixture();

    /** A TSO frame as a TAP hands it over: IPv4 total length covering all, TCP checksum = pseudo-header sum. */
    private static byte[] superFrame(String src, String dst, int protocol) {
        ByteBuf out = Unpooled.buffer();
        new EthernetHeader(MacAddress.VROUTER, new MacAddress(Frames.VM1_MAC), EthernetHeader.TYPE_IPV4).encode(out);
        int l4Length = 20 + PAYLOAD;
        new Ipv4Header(20, 0, 20 + l4Length, 9, Ipv4Header.FLAG_DONT_FRAGMENT, 64, protocol, 0, ip(src), ip(dst))
                .encode(out);
        int th = out.writerIndex();
        out.writeShort(40000).writeShort(5201).writeInt(1).writeInt(1).writeByte(5 << 4).writeByte(0x10)
                .writeShort(500).writeShort(0).writeShort(0);
        for (int i = 0; i < PAYLOAD; i++) {
            out.writeByte(i);
        }
        out.setShort(th + 16, InternetChecksum.fold(InternetChecksum.pseudoHeaderV4(ip(src), ip(dst), protocol, l4Length)));
        return ByteBufUtil.getBytes(out);
    }

    private void fromVm(byte[] frame, int segmentSize) {
        ByteBuf buf = Frames.withHeadroom(frame);
        f.engine.fromInterface(3, buf, Forwarder.HEADROOM, frame.length, segmentSize);
    }

    @Test
    void encapsulatesASuperPacketOnceAndPassesItsSegmentSizeToTheFabric() {
        fromVm(superFrame("10.1.1.3", "10.2.2.4", Ipv4Header.PROTO_TCP), MSS);
        Sent out = f.io.take().getFirst();
        assertThat(out.remote()).isEqualTo(PipelineFixture.REMOTE);
        assertThat(out.segmentSize()).isEqualTo(MSS);
        assertThat(out.bytes()).hasSize(20 + 8 + 4 + 20 + 20 + PAYLOAD);
        ByteBuf b = Unpooled.wrappedBuffer(out.bytes());
        assertThat(b.getUnsignedShort(2)).as("outer length fits 16 bits").isEqualTo(out.bytes().length);
        assertThat((int) b.getUnsignedByte(32 + Ipv4Header.OFFSET_TTL)).as("inner TTL").isEqualTo(63);
    }

    @Test
    void deliversASuperPacketToALocalVmWithItsSegmentSize() {
        fromVm(superFrame("10.1.1.3", "10.1.1.4", Ipv4Header.PROTO_TCP), MSS);
        Sent out = f.io.take().getFirst();
        assertThat(out.vif()).isEqualTo(4);
        assertThat(out.segmentSize()).isEqualTo(MSS);
        assertThat(out.bytes()).hasSize(14 + 40 + PAYLOAD);
    }

    @Test
    void finishesTheChecksumOfASuperPacketTrappedToTheAgent() {
        fromVm(superFrame("10.1.1.3", "10.1.1.1", Ipv4Header.PROTO_TCP), MSS);
        byte[] frame = f.engine.drainPacketIns(10).getFirst().frame();
        ByteBuf b = Unpooled.wrappedBuffer(frame);
        int l4 = 14 + 20;
        long pseudo = InternetChecksum.pseudoHeaderV4(ip("10.1.1.3"), ip("10.1.1.1"), Ipv4Header.PROTO_TCP,
                frame.length - l4);
        assertThat(InternetChecksum.finish(InternetChecksum.add(b, l4, frame.length - l4, pseudo))).isZero();
    }

    @Test
    void dropsASuperPacketThatIsNotTcpAsMalformed() {
        fromVm(superFrame("10.1.1.3", "10.2.2.4", Ipv4Header.PROTO_UDP), MSS);
        assertThat(f.io.take()).isEmpty();
        assertThat(f.drops(DropReason.MALFORMED)).isEqualTo(1);
    }
}
