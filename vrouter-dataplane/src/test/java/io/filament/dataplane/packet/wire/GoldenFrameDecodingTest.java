package io.filament.dataplane.packet.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class GoldenFrameDecodingTest {

    private static final MacAddress VM1 = MacAddress.parse("02:00:0a:01:01:03");

    @Test
    void decodesAndReencodesArpRequest() {
        ByteBuf buf = GoldenFrames.buffer("arp-request");
        EthernetHeader eth = EthernetHeader.decode(buf);
        ArpPacket arp = ArpPacket.decode(buf);
        assertThat(eth).isEqualTo(new EthernetHeader(MacAddress.BROADCAST, VM1, EthernetHeader.TYPE_ARP));
        assertThat(arp).isEqualTo(new ArpPacket(ArpPacket.OP_REQUEST, VM1, Ipv4Header.parse("10.1.1.3"),
                MacAddress.ZERO, Ipv4Header.parse("10.1.1.4")));
        ByteBuf out = Unpooled.buffer();
        eth.encode(out);
        arp.encode(out);
        assertThat(ByteBufUtil.getBytes(out)).isEqualTo(GoldenFrames.bytes("arp-request"));
    }

    @Test
    void writesArpReplyInPlaceIdenticalToGolden() {
        ByteBuf out = Unpooled.buffer(42).writerIndex(42);
        EthernetHeader.write(out, 0, VM1.value(), MacAddress.VROUTER.value(), EthernetHeader.TYPE_ARP);
        ArpPacket.write(out, 14, ArpPacket.OP_REPLY, MacAddress.VROUTER.value(), Ipv4Header.parse("10.1.1.4"),
                VM1.value(), Ipv4Header.parse("10.1.1.3"));
        assertThat(ByteBufUtil.getBytes(out)).isEqualTo(GoldenFrames.bytes("arp-reply"));
    }

    @Test
    void decodesIpv4IcmpEchoAndVerifiesChecksums() {
        ByteBuf buf = GoldenFrames.buffer("ipv4-icmp-echo");
        EthernetHeader.decode(buf);
        Ipv4Header ip = Ipv4Header.decode(buf);
        assertThat(ip.protocol()).isEqualTo(Ipv4Header.PROTO_ICMP);
        assertThat(ip.ttl()).isEqualTo(64);
        assertThat(ip.totalLength()).isEqualTo(52);
        assertThat(Ipv4Header.format(ip.source())).isEqualTo("10.1.1.3");
        assertThat(Ipv4Header.format(ip.destination())).isEqualTo("10.1.1.4");
        IcmpMessage icmp = IcmpMessage.decode(buf, ip.totalLength() - ip.headerLength());
        assertThat(icmp.type()).isEqualTo(IcmpMessage.ECHO_REQUEST);
        assertThat(icmp.restOfHeader()).isEqualTo((1234 << 16) | 1);
    }

    @Test
    void reencodesIpv4HeaderWithTheSameChecksum() {
        ByteBuf buf = GoldenFrames.buffer("ipv4-udp");
        buf.skipBytes(EthernetHeader.LENGTH);
        Ipv4Header ip = Ipv4Header.decode(buf);
        ByteBuf out = Unpooled.buffer();
        ip.encode(out);
        assertThat(ByteBufUtil.getBytes(out)).isEqualTo(ByteBufUtil.getBytes(GoldenFrames.buffer("ipv4-udp"), 14, 20));
    }

    @Test
    void decodesUdpAndRecomputesItsChecksum() {
        ByteBuf buf = GoldenFrames.buffer("ipv4-udp");
        buf.skipBytes(EthernetHeader.LENGTH);
        Ipv4Header ip = Ipv4Header.decode(buf);
        int udpAt = buf.readerIndex();
        UdpHeader udp = UdpHeader.decode(buf);
        assertThat(udp).isEqualTo(new UdpHeader(40000, 5001, 20, udp.checksum()));
        buf.setShort(udpAt + 6, 0);
        assertThat(UdpHeader.checksumV4(buf, udpAt, udp.length(), ip.source(), ip.destination()))
                .isEqualTo(udp.checksum());
    }

    @Test
    void decodesTcpSynAndRecomputesItsChecksum() {
        ByteBuf buf = GoldenFrames.buffer("ipv4-tcp-syn");
        buf.skipBytes(EthernetHeader.LENGTH);
        Ipv4Header ip = Ipv4Header.decode(buf);
        int at = buf.readerIndex();
        TcpHeader tcp = TcpHeader.decode(buf);
        assertThat(tcp.flags()).isEqualTo(TcpHeader.SYN);
        assertThat(tcp.sequence()).isEqualTo(0x01020304L);
        assertThat(tcp.window()).isEqualTo(64240);
        assertThat(TcpHeader.checksumV4(buf, at, 20, ip.source(), ip.destination())).isZero();
        ByteBuf out = Unpooled.buffer();
        tcp.encode(out);
        assertThat(ByteBufUtil.getBytes(out)).isEqualTo(ByteBufUtil.getBytes(GoldenFrames.buffer("ipv4-tcp-syn"), 34, 20));
    }

    @Test
    void decodesIpv6AndIcmpv6Echo() {
        ByteBuf buf = GoldenFrames.buffer("ipv6-icmpv6-echo");
        assertThat(EthernetHeader.decode(buf).etherType()).isEqualTo(EthernetHeader.TYPE_IPV6);
        Ipv6Header ip = Ipv6Header.decode(buf);
        assertThat(ip.nextHeader()).isEqualTo(Ipv4Header.PROTO_ICMPV6);
        assertThat(ip.sourceHigh()).isEqualTo(0xfd00000100000000L);
        assertThat(ip.sourceLow()).isEqualTo(3);
        Icmpv6Message icmp = Icmpv6Message.decode(buf, EthernetHeader.LENGTH, ip.payloadLength());
        assertThat(icmp.type()).isEqualTo(Icmpv6Message.ECHO_REQUEST);
        ByteBuf out = Unpooled.buffer();
        ip.encode(out);
        assertThat(ByteBufUtil.getBytes(out)).isEqualTo(ByteBufUtil.getBytes(GoldenFrames.buffer("ipv6-icmpv6-echo"), 14, 40));
    }

    @Test
    void recomputesIcmpv6ChecksumInPlace() {
        ByteBuf buf = GoldenFrames.buffer("ipv6-icmpv6-echo");
        int expected = buf.getUnsignedShort(14 + 40 + 2);
        Icmpv6Message.fillChecksum(buf, 14, 54, buf.readableBytes() - 54);
        assertThat(buf.getUnsignedShort(56)).isEqualTo(expected);
    }

    @Test
    void computesIpv6UdpChecksum() {
        ByteBuf buf = GoldenFrames.buffer("ipv6-udp");
        int expected = buf.getUnsignedShort(54 + 6);
        buf.setShort(60, 0);
        assertThat(UdpHeader.checksumV6(buf, 14, 54, buf.readableBytes() - 54)).isEqualTo(expected);
    }

    @Test
    void decodesMplsOverUdp() {
        ByteBuf buf = GoldenFrames.buffer("mplsoudp");
        EthernetHeader.decode(buf);
        Ipv4Header outer = Ipv4Header.decode(buf);
        UdpHeader udp = UdpHeader.decode(buf);
        assertThat(udp.destinationPort()).isEqualTo(UdpHeader.PORT_MPLS_OVER_UDP);
        assertThat(Ipv4Header.format(outer.destination())).isEqualTo("127.0.0.12");
        assertThat(MplsLabelEntry.decode(buf)).isEqualTo(new MplsLabelEntry(17, 0, true, 64));
        Ipv4Header inner = Ipv4Header.decode(buf);
        assertThat(inner.ttl()).isEqualTo(63);
        assertThat(Ipv4Header.format(inner.destination())).isEqualTo("10.2.2.4");
    }

    @Test
    void decodesVxlanAndReencodesIt() {
        ByteBuf buf = GoldenFrames.buffer("vxlan");
        buf.skipBytes(14 + 20);
        UdpHeader udp = UdpHeader.decode(buf);
        assertThat(udp.destinationPort()).isEqualTo(UdpHeader.PORT_VXLAN);
        VxlanHeader vx = VxlanHeader.decode(buf);
        assertThat(vx).isEqualTo(new VxlanHeader(VxlanHeader.FLAG_I, 100));
        EthernetHeader inner = EthernetHeader.decode(buf);
        assertThat(inner.source()).isEqualTo(MacAddress.VROUTER);
        ByteBuf out = Unpooled.buffer();
        vx.encode(out);
        assertThat(ByteBufUtil.getBytes(out)).isEqualTo(ByteBufUtil.getBytes(GoldenFrames.buffer("vxlan"), 42, 8));
    }

    @Test
    void decrementsTtlWithAnIncrementallyCorrectChecksum() {
        ByteBuf buf = GoldenFrames.buffer("ipv4-icmp-echo");
        Ipv4Header.decrementTtl(buf, 14);
        assertThat((int) buf.getUnsignedByte(14 + 8)).isEqualTo(63);
        assertThat(InternetChecksum.compute(buf, 14, 20)).isZero();
    }
}
