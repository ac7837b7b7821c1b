package io.filament.dataplane.offload;

import io.filament.dataplane.packet.wire.InternetChecksum;
import io.filament.dataplane.packet.wire.Ipv4Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Random;

/** TCP/IP packets behind an MPLS label entry (the MPLS-over-UDP payload), built byte by byte for the offload tests. */
final class TcpPackets {

    static final int LABEL_WORD = (17 << 12) | (1 << 8) | 64;
    static final int SRC = Ipv4Header.parse("10.1.1.3");
    static final int DST = Ipv4Header.parse("10.1.1.4");
    static final int TCP_HEADER = 32;
    static final int ACK = 0x10;
    static final int PSH = 0x08;

    private TcpPackets() {
    }

    static byte[] payload(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    /**
     * An MPLS label, IPv4 header (id {@code id}) and TCP header with a 12-byte timestamp option; the TCP checksum
     * complete when {@code partial} is false, else the pseudo-header sum only.
     */
    static ByteBuf ipv4(long sequence, int id, int flags, byte[] payload, boolean partial) {
        int ipLength = 20 + TCP_HEADER + payload.length;
        ByteBuf b = Unpooled.directBuffer(4 + ipLength);
        b.writeInt(LABEL_WORD);
        int ip = b.writerIndex();
        b.writeShort(0x4500).writeShort(ipLength).writeShort(id).writeShort(0x4000)
                .writeByte(64).writeByte(6).writeShort(0).writeInt(SRC).writeInt(DST);
        b.setShort(ip + 10, InternetChecksum.compute(b, ip, 20));
        int th = b.writerIndex();
        b.writeShort(40000).writeShort(5201).writeInt((int) sequence).writeInt(0x11223344)
                .writeByte((TCP_HEADER / 4) << 4).writeByte(flags).writeShort(501).writeShort(0).writeShort(0);
        b.writeByte(1).writeByte(1).writeByte(8).writeByte(10).writeInt(0x0A0B0C0D).writeInt(0x01020304);
        b.writeBytes(payload);
        int tcpLength = TCP_HEADER + payload.length;
        long pseudo = InternetChecksum.pseudoHeaderV4(SRC, DST, 6, tcpLength);
        b.setShort(th + 16, partial ? InternetChecksum.fold(pseudo)
                : InternetChecksum.finish(InternetChecksum.add(b, th, tcpLength, pseudo)));
        return b;
    }

    /** An IPv6 packet like {@link #ipv4}, behind the same label. */
    static ByteBuf ipv6(long sequence, int flags, byte[] payload) {
        int tcpLength = TCP_HEADER + payload.length;
        ByteBuf b = Unpooled.directBuffer(4 + 40 + tcpLength);
        b.writeInt(LABEL_WORD);
        int ip = b.writerIndex();
        b.writeInt(0x6000_0000).writeShort(tcpLength).writeByte(6).writeByte(64);
        b.writeLong(0xfd00_0001_0000_0000L).writeLong(3).writeLong(0xfd00_0001_0000_0000L).writeLong(4);
        int th = b.writerIndex();
        b.writeShort(40000).writeShort(5201).writeInt((int) sequence).writeInt(0x11223344)
                .writeByte((TCP_HEADER / 4) << 4).writeByte(flags).writeShort(501).writeShort(0).writeShort(0);
        b.writeByte(1).writeByte(1).writeByte(8).writeByte(10).writeInt(0x0A0B0C0D).writeInt(0x01020304);
        b.writeBytes(payload);
        long pseudo = InternetChecksum.pseudoHeaderV6(b, ip, 6, tcpLength);
        b.setShort(th + 16, InternetChecksum.fold(pseudo));
        return b;
    }

    /** Whether the TCP checksum of the packet at {@code ip} verifies (sums to all ones). */
    static boolean tcpChecksumValid(ByteBuf b, int ip) {
        boolean v6 = (b.getUnsignedByte(ip) >>> 4) == 6;
        int ipHeader = v6 ? 40 : (b.getUnsignedByte(ip) & 0x0F) * 4;
        int tcpLength = v6 ? b.getUnsignedShort(ip + 4) : b.getUnsignedShort(ip + 2) - ipHeader;
        long pseudo = v6 ? InternetChecksum.pseudoHeaderV6(b, ip, 6, tcpLength)
                : InternetChecksum.pseudoHeaderV4(b.getInt(ip + 12), b.getInt(ip + 16), 6, tcpLength);
        return InternetChecksum.finish(InternetChecksum.add(b, ip + ipHeader, tcpLength, pseudo)) == 0;
    }
}
