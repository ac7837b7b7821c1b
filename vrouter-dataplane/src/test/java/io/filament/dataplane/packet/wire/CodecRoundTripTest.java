package io.filament.dataplane.packet.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class CodecRoundTripTest {

    @Property
    void ethernetRoundTrips(@ForAll @LongRange(min = 0, max = 0xFFFFFFFFFFFFL) long dst,
                            @ForAll @LongRange(min = 0, max = 0xFFFFFFFFFFFFL) long src,
                            @ForAll @IntRange(min = 0x0600, max = 0xFFFF) int type) {
        EthernetHeader h = new EthernetHeader(new MacAddress(dst), new MacAddress(src), type);
        ByteBuf out = Unpooled.buffer();
        h.encode(out);
        assertThat(EthernetHeader.decode(out)).isEqualTo(h);
    }

    @Property
    void arpRoundTrips(@ForAll @IntRange(min = 1, max = 2) int op,
                       @ForAll @LongRange(min = 0, max = 0xFFFFFFFFFFFFL) long sha, @ForAll int spa,
                       @ForAll @LongRange(min = 0, max = 0xFFFFFFFFFFFFL) long tha, @ForAll int tpa) {
        ArpPacket p = new ArpPacket(op, new MacAddress(sha), spa, new MacAddress(tha), tpa);
        ByteBuf out = Unpooled.buffer();
        p.encode(out);
        assertThat(ArpPacket.decode(out)).isEqualTo(p);
    }

    @Property
    void ipv4RoundTripsWithAValidChecksum(@ForAll @IntRange(min = 0, max = 255) int tos,
                                          @ForAll @IntRange(min = 0, max = 0xFFFF) int id,
                                          @ForAll @IntRange(min = 0, max = 0xFFFF) int flagsFragment,
                                          @ForAll @IntRange(min = 0, max = 255) int ttl,
                                          @ForAll @IntRange(min = 0, max = 255) int protocol,
                                          @ForAll int src, @ForAll int dst,
                                          @ForAll @IntRange(min = 0, max = 64) int payload) {
        Ipv4Header h = new Ipv4Header(20, tos, 20 + payload, id, flagsFragment, ttl, protocol, 0, src, dst);
        ByteBuf out = Unpooled.buffer();
        h.encode(out);
        out.writeZero(payload);
        Ipv4Header back = Ipv4Header.decode(out);
        assertThat(back).usingRecursiveComparison().ignoringFields("checksum").isEqualTo(h);
    }

    @Property
    void ttlDecrementKeepsTheChecksumValid(@ForAll @IntRange(min = 1, max = 255) int ttl, @ForAll int src,
                                           @ForAll int dst, @ForAll @IntRange(min = 0, max = 0xFFFF) int id) {
        ByteBuf out = Unpooled.buffer();
        new Ipv4Header(20, 0, 20, id, 0, ttl, 17, 0, src, dst).encode(out);
        Ipv4Header.decrementTtl(out, 0);
        assertThat(InternetChecksum.compute(out, 0, 20)).isZero();
        assertThat(Ipv4Header.decode(out).ttl()).isEqualTo(ttl - 1);
    }

    @Property
    void ipv6RoundTrips(@ForAll @IntRange(min = 0, max = 255) int tc, @ForAll @IntRange(min = 0, max = 0xFFFFF) int fl,
                        @ForAll @IntRange(min = 0, max = 255) int nh, @ForAll @IntRange(min = 0, max = 255) int hl,
                        @ForAll long sh, @ForAll long sl, @ForAll long dh, @ForAll long dl,
                        @ForAll @IntRange(min = 0, max = 32) int payload) {
        Ipv6Header h = new Ipv6Header(tc, fl, payload, nh, hl, sh, sl, dh, dl);
        ByteBuf out = Unpooled.buffer();
        h.encode(out);
        out.writeZero(payload);
        assertThat(Ipv6Header.decode(out)).isEqualTo(h);
    }

    @Property
    void udpRoundTrips(@ForAll @IntRange(min = 0, max = 0xFFFF) int sp, @ForAll @IntRange(min = 0, max = 0xFFFF) int dp,
                       @ForAll @IntRange(min = 0, max = 0xFFFF) int checksum) {
        UdpHeader h = new UdpHeader(sp, dp, 8, checksum);
        ByteBuf out = Unpooled.buffer();
        h.encode(out);
        assertThat(UdpHeader.decode(out)).isEqualTo(h);
    }

    @Property
    void udpChecksumVerifiesToZeroOverThePseudoHeader(@ForAll int src, @ForAll int dst,
                                                      @ForAll byte[] data) {
        ByteBuf out = Unpooled.buffer();
        int length = 8 + data.length;
        new UdpHeader(1000, 2000, length, 0).encode(out);
        out.writeBytes(data);
        out.setShort(6, UdpHeader.checksumV4(out, 0, length, src, dst));
        long sum = InternetChecksum.add(out, 0, length,
                InternetChecksum.pseudoHeaderV4(src, dst, Ipv4Header.PROTO_UDP, length));
        assertThat(InternetChecksum.finish(sum)).isIn(0, 0xFFFF);
    }

    @Property
    void tcpRoundTrips(@ForAll @IntRange(min = 0, max = 0xFFFF) int sp, @ForAll @IntRange(min = 0, max = 0xFFFF) int dp,
                       @ForAll @LongRange(min = 0, max = 0xFFFFFFFFL) long seq,
                       @ForAll @LongRange(min = 0, max = 0xFFFFFFFFL) long ack,
                       @ForAll @IntRange(min = 0, max = 255) int flags, @ForAll @IntRange(min = 0, max = 0xFFFF) int win) {
        TcpHeader h = new TcpHeader(sp, dp, seq, ack, 20, flags, win, 0x1234, 0);
        ByteBuf out = Unpooled.buffer();
        h.encode(out);
        assertThat(TcpHeader.decode(out)).isEqualTo(h);
    }

    @Property
    void icmpRoundTripsWithValidChecksum(@ForAll @IntRange(min = 0, max = 255) int type,
                                         @ForAll @IntRange(min = 0, max = 255) int code, @ForAll int rest,
                                         @ForAll byte[] body) {
        ByteBuf out = Unpooled.buffer();
        new IcmpMessage(type, code, 0, rest).encode(out, Unpooled.wrappedBuffer(body));
        IcmpMessage back = IcmpMessage.decode(out, 8 + body.length);
        assertThat(back.type()).isEqualTo(type);
        assertThat(back.code()).isEqualTo(code);
        assertThat(back.restOfHeader()).isEqualTo(rest);
    }

    @Property
    void mplsRoundTrips(@ForAll @IntRange(min = 0, max = MplsLabelEntry.MAX_LABEL) int label,
                        @ForAll @IntRange(min = 0, max = 7) int tc, @ForAll boolean bos,
                        @ForAll @IntRange(min = 0, max = 255) int ttl) {
        MplsLabelEntry e = new MplsLabelEntry(label, tc, bos, ttl);
        ByteBuf out = Unpooled.buffer();
        e.encode(out);
        assertThat(MplsLabelEntry.label(out, 0)).isEqualTo(label);
        assertThat(MplsLabelEntry.decode(out)).isEqualTo(e);
    }

    @Property
    void vxlanRoundTrips(@ForAll @IntRange(min = 0, max = VxlanHeader.MAX_VNI) int vni) {
        VxlanHeader h = new VxlanHeader(VxlanHeader.FLAG_I, vni);
        ByteBuf out = Unpooled.buffer();
        h.encode(out);
        assertThat(VxlanHeader.vni(out, 0)).isEqualTo(vni);
        assertThat(VxlanHeader.decode(out)).isEqualTo(h);
    }

    @Property
    void macTextRoundTrips(@ForAll @LongRange(min = 0, max = 0xFFFFFFFFFFFFL) long v) {
        MacAddress m = new MacAddress(v);
        assertThat(MacAddress.parse(m.toString())).isEqualTo(m);
    }
}
