package io.filament.dataplane.packet.wire;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class MalformedInputTest {

    private static void assertMalformed(Runnable decode, String field) {
        assertThatThrownBy(decode::run).isInstanceOf(MalformedPacketException.class)
                .extracting(e -> ((MalformedPacketException) e).field()).isEqualTo(field);
    }

    @Test
    void rejectsTruncatedEthernetNamingTheLayer() {
        assertMalformed(() -> EthernetHeader.decode(Unpooled.wrappedBuffer(new byte[13])), "ethernet");
    }

    @Test
    void rejectsEthernetLengthFieldInsteadOfEtherType() {
        ByteBuf buf = GoldenFrames.buffer("ipv4-udp");
        buf.setShort(12, 0x05DC);
        assertMalformed(() -> EthernetHeader.decode(buf), "ethernet.type");
    }

    @Test
    void rejectsArpForAnotherHardwareType() {
        ByteBuf buf = GoldenFrames.buffer("arp-request");
        buf.setShort(14, 6);
        buf.skipBytes(14);
        assertMalformed(() -> ArpPacket.decode(buf), "arp.htype/ptype/hlen/plen");
    }

    @Test
    void rejectsArpWithUnknownOperation() {
        ByteBuf buf = GoldenFrames.buffer("arp-request");
        buf.setShort(14 + 6, 9);
        buf.skipBytes(14);
        assertMalformed(() -> ArpPacket.decode(buf), "arp.operation");
    }

    @Test
    void rejectsIpv4WithWrongVersionShortIhlLongTotalOrBadChecksum() {
        ByteBuf v = GoldenFrames.buffer("ipv4-udp").skipBytes(14);
        v.setByte(14, 0x65);
        assertMalformed(() -> Ipv4Header.decode(v), "ipv4.version");
        ByteBuf ihl = GoldenFrames.buffer("ipv4-udp").skipBytes(14);
        ihl.setByte(14, 0x44);
        assertMalformed(() -> Ipv4Header.decode(ihl), "ipv4.ihl");
        ByteBuf total = GoldenFrames.buffer("ipv4-udp").skipBytes(14);
        total.setShort(16, 2000);
        assertMalformed(() -> Ipv4Header.decode(total), "ipv4.total_length");
        ByteBuf sum = GoldenFrames.buffer("ipv4-udp").skipBytes(14);
        sum.setByte(14 + 8, 7);
        assertMalformed(() -> Ipv4Header.decode(sum), "ipv4.checksum");
    }

    @Test
    void rejectsIpv6PayloadLongerThanTheFrame() {
        ByteBuf buf = GoldenFrames.buffer("ipv6-udp").skipBytes(14);
        buf.setShort(14 + 4, 1000);
        assertMalformed(() -> Ipv6Header.decode(buf), "ipv6.payload_length");
    }

    @Test
    void rejectsUdpLengthBelowHeader() {
        ByteBuf buf = GoldenFrames.buffer("ipv4-udp").skipBytes(34);
        buf.setShort(34 + 4, 7);
        assertMalformed(() -> UdpHeader.decode(buf), "udp.length");
    }

    @Test
    void rejectsTcpDataOffsetBelowFiveWords() {
        ByteBuf buf = GoldenFrames.buffer("ipv4-tcp-syn").skipBytes(34);
        buf.setByte(34 + 12, 0x40);
        assertMalformed(() -> TcpHeader.decode(buf), "tcp.data_offset");
    }

    @Test
    void rejectsCorruptIcmpAndIcmpv6() {
        ByteBuf icmp = GoldenFrames.buffer("ipv4-icmp-echo").skipBytes(34);
        icmp.setByte(40, 0x55);
        assertMalformed(() -> IcmpMessage.decode(icmp, icmp.readableBytes()), "icmp.checksum");
        ByteBuf icmp6 = GoldenFrames.buffer("ipv6-icmpv6-echo").skipBytes(54);
        icmp6.setByte(60, 0x55);
        assertMalformed(() -> Icmpv6Message.decode(icmp6, 14, icmp6.readableBytes()), "icmpv6.checksum");
    }

    @Test
    void rejectsVxlanWithoutIFlagAndTruncatedMpls() {
        ByteBuf vx = GoldenFrames.buffer("vxlan").skipBytes(42);
        vx.setByte(42, 0);
        assertMalformed(() -> VxlanHeader.decode(vx), "vxlan.flags");
        assertMalformed(() -> MplsLabelEntry.decode(Unpooled.wrappedBuffer(new byte[3])), "mpls");
    }

    @Test
    void rejectsOutOfRangeFieldsOnConstruction() {
        assertThatThrownBy(() -> new MplsLabelEntry(1 << 20, 0, true, 64)).hasMessageContaining("mpls.label");
        assertThatThrownBy(() -> new VxlanHeader(8, 1 << 24)).hasMessageContaining("vxlan.vni");
        assertThatThrownBy(() -> new MacAddress(1L << 48)).hasMessageContaining("mac");
    }
}
