package io.filament.dataplane.forward;

import io.filament.dataplane.packet.wire.ArpPacket;
import io.filament.dataplane.packet.wire.EthernetHeader;
import io.filament.dataplane.packet.wire.IcmpMessage;
import io.filament.dataplane.packet.wire.Ipv4Header;
import io.filament.dataplane.packet.wire.Ipv6Header;
import io.filament.dataplane.packet.wire.MacAddress;
import io.filament.dataplane.packet.wire.TcpHeader;
import io.filament.dataplane.packet.wire.UdpHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** Builds test frames with the wire codecs. */
final class Frames {

    static final long VM1_MAC = MacAddress.parse("02:00:0a:01:01:03").value();
    static final long VM2_MAC = MacAddress.parse("02:00:0a:01:01:04").value();
    static final long VROUTER = MacAddress.VROUTER.value();

    private Frames() {
    }

    static int ip(String dotted) {
        return Ipv4Header.parse(dotted);
    }

    /** Copies a frame into a buffer with the pipeline's headroom in front of it. */
    static ByteBuf withHeadroom(byte[] frame) {
        ByteBuf buf = Unpooled.buffer(Forwarder.HEADROOM + frame.length + 64);
        buf.writeZero(Forwarder.HEADROOM);
        buf.writeBytes(frame);
        return buf;
    }

    static byte[] udp(long srcMac, String src, String dst, int sport, int dport, int ttl, int payload) {
        ByteBuf out = Unpooled.buffer();
        new EthernetHeader(new MacAddress(VROUTER), new MacAddress(srcMac), EthernetHeader.TYPE_IPV4).encode(out);
        int udpLen = UdpHeader.LENGTH + payload;
        new Ipv4Header(20, 0, 20 + udpLen, 7, 0, ttl, Ipv4Header.PROTO_UDP, 0, ip(src), ip(dst)).encode(out);
        int at = out.writerIndex();
        new UdpHeader(sport, dport, udpLen, 0).encode(out);
        out.writeZero(payload);
        out.setShort(at + 6, UdpHeader.checksumV4(out, at, udpLen, ip(src), ip(dst)));
        return ByteBufUtil.getBytes(out);
    }

    static byte[] tcp(long srcMac, String src, String dst, int sport, int dport, int flags) {
        ByteBuf out = Unpooled.buffer();
        new EthernetHeader(new MacAddress(VROUTER), new MacAddress(srcMac), EthernetHeader.TYPE_IPV4).encode(out);
        new Ipv4Header(20, 0, 40, 9, 0, 64, Ipv4Header.PROTO_TCP, 0, ip(src), ip(dst)).encode(out);
        int at = out.writerIndex();
        new TcpHeader(sport, dport, 1, 0, 20, flags, 1000, 0, 0).encode(out);
        out.setShort(at + 16, TcpHeader.checksumV4(out, at, 20, ip(src), ip(dst)));
        return ByteBufUtil.getBytes(out);
    }

    static byte[] echo(long srcMac, String src, String dst, int id, int type) {
        ByteBuf out = Unpooled.buffer();
        new EthernetHeader(new MacAddress(VROUTER), new MacAddress(srcMac), EthernetHeader.TYPE_IPV4).encode(out);
        new Ipv4Header(20, 0, 20 + 16, 9, 0, 64, Ipv4Header.PROTO_ICMP, 0, ip(src), ip(dst)).encode(out);
        new IcmpMessage(type, 0, 0, id << 16 | 1).encode(out, Unpooled.wrappedBuffer(new byte[8]));
        return ByteBufUtil.getBytes(out);
    }

    static byte[] arpRequest(long srcMac, String sender, String target) {
        ByteBuf out = Unpooled.buffer();
        new EthernetHeader(MacAddress.BROADCAST, new MacAddress(srcMac), EthernetHeader.TYPE_ARP).encode(out);
        new ArpPacket(ArpPacket.OP_REQUEST, new MacAddress(srcMac), ip(sender), MacAddress.ZERO, ip(target))
                .encode(out);
        return ByteBufUtil.getBytes(out);
    }

    static byte[] ipv6Udp(long srcMac, long srcLow, long dstHigh, long dstLow, int hopLimit) {
        ByteBuf out = Unpooled.buffer();
        new EthernetHeader(new MacAddress(VROUTER), new MacAddress(srcMac), EthernetHeader.TYPE_IPV6).encode(out);
        new Ipv6Header(0, 0, 8 + 4, Ipv4Header.PROTO_UDP, hopLimit, 0xfd00_0001_0000_0000L, srcLow, dstHigh, dstLow)
                .encode(out);
        int at = out.writerIndex();
        new UdpHeader(4000, 5000, 12, 0).encode(out);
        out.writeInt(0xCAFEBABE);
        out.setShort(at + 6, UdpHeader.checksumV6(out, 14, at, 12));
        return ByteBufUtil.getBytes(out);
    }

    static byte[] neighborSolicitation(long srcMac, long srcLow, long targetHigh, long targetLow) {
        ByteBuf out = Unpooled.buffer();
        new EthernetHeader(new MacAddress(0x3333ff000000L | (targetLow & 0xFFFFFF)), new MacAddress(srcMac),
                EthernetHeader.TYPE_IPV6).encode(out);
        new Ipv6Header(0, 0, 32, Ipv4Header.PROTO_ICMPV6, 255, srcLow == 0 ? 0 : 0xfd00_0001_0000_0000L, srcLow,
                0xff02_0000_0000_0000L, 0x1_ff00_0000L | (targetLow & 0xFFFFFF)).encode(out);
        int at = out.writerIndex();
        out.writeByte(135).writeByte(0).writeShort(0).writeInt(0);
        out.writeLong(targetHigh).writeLong(targetLow);
        out.writeByte(1).writeByte(1);
        out.writeShort((int) (srcMac >>> 32)).writeInt((int) srcMac);
        io.filament.dataplane.packet.wire.Icmpv6Message.fillChecksum(out, 14, at, 32);
        return ByteBufUtil.getBytes(out);
    }
}
