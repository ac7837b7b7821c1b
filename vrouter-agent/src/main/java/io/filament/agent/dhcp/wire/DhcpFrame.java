package io.filament.agent.dhcp.wire;

import io.filament.contracts.net.IpAddress;
import io.filament.contracts.net.MacAddress;

import java.nio.ByteBuffer;

/**
 * A DHCP message inside Ethernet II / IPv4 / UDP, the form in which the dataplane traps it from a VM port and
 * takes the reply back. IPv4 options are skipped on read and never written; the IPv4 header checksum and the
 * UDP checksum are checked on read (a zero UDP checksum means none) and computed on write.
 *
 * <pre>
 * | dst MAC 6 | src MAC 6 | 0x0800 | IPv4 20+ (proto 17) | UDP 8 (67/68) | DHCP message |
 * </pre>
 */
public record DhcpFrame(MacAddress destinationMac, MacAddress sourceMac, IpAddress sourceIp,
                        IpAddress destinationIp, int sourcePort, int destinationPort, DhcpMessage message) {

    public static final int SERVER_PORT = 67;
    public static final int CLIENT_PORT = 68;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int UDP = 17;
    private static final int DEFAULT_TTL = 64;

    public static DhcpFrame decode(byte[] frame) {
        ByteBuffer in = ByteBuffer.wrap(frame);
        if (frame.length < 14 + 20 + 8) {
            throw new DhcpDecodeException("frame", frame.length + " bytes", "too short for Ethernet/IPv4/UDP");
        }
        MacAddress dst = mac(in);
        MacAddress src = mac(in);
        int ethertype = in.getShort() & 0xffff;
        if (ethertype != ETHERTYPE_IPV4) {
            throw new DhcpDecodeException("ethertype", Integer.toHexString(ethertype), "not IPv4");
        }
        int ipStart = in.position();
        int versionIhl = in.get() & 0xff;
        int ihl = (versionIhl & 0x0f) * 4;
        if (versionIhl >> 4 != 4 || ihl < 20 || ipStart + ihl > frame.length) {
            throw new DhcpDecodeException("ipv4 version/ihl", Integer.toHexString(versionIhl), "malformed IPv4 header");
        }
        if (InternetChecksum.of(frame, ipStart, ihl, 0) != 0) {
            throw new DhcpDecodeException("ipv4 checksum", "", "does not verify");
        }
        in.get();
        int totalLength = in.getShort() & 0xffff;
        in.position(ipStart + 9);
        int protocol = in.get() & 0xff;
        if (protocol != UDP) {
            throw new DhcpDecodeException("ipv4 protocol", String.valueOf(protocol), "not UDP");
        }
        in.getShort();
        byte[] s = new byte[4];
        byte[] d = new byte[4];
        in.get(s).get(d);
        if (ipStart + totalLength > frame.length || totalLength < ihl + 8) {
            throw new DhcpDecodeException("ipv4 total length", String.valueOf(totalLength), "does not fit the frame");
        }
        int udpStart = ipStart + ihl;
        in.position(udpStart);
        int sport = in.getShort() & 0xffff;
        int dport = in.getShort() & 0xffff;
        int udpLength = in.getShort() & 0xffff;
        int checksum = in.getShort() & 0xffff;
        if (udpLength < 8 || udpStart + udpLength > ipStart + totalLength) {
            throw new DhcpDecodeException("udp length", String.valueOf(udpLength), "does not fit the IPv4 packet");
        }
        if (checksum != 0 && udpChecksum(frame, udpStart, udpLength, s, d) != 0) {
            throw new DhcpDecodeException("udp checksum", Integer.toHexString(checksum), "does not verify");
        }
        DhcpMessage message = DhcpCodec.decode(ByteBuffer.wrap(frame, udpStart + 8, udpLength - 8).slice());
        return new DhcpFrame(dst, src, IpAddress.fromBytes(s), IpAddress.fromBytes(d), sport, dport, message);
    }

    public byte[] encode() {
        byte[] payload = DhcpCodec.encode(message);
        int udpLength = 8 + payload.length;
        int ipLength = 20 + udpLength;
        byte[] frame = new byte[14 + ipLength];
        ByteBuffer out = ByteBuffer.wrap(frame);
        out.put(destinationMac.toBytes()).put(sourceMac.toBytes()).putShort((short) ETHERTYPE_IPV4);
        out.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) 0).putShort((short) 0)
                .put((byte) DEFAULT_TTL).put((byte) UDP).putShort((short) 0)
                .put(sourceIp.toBytes()).put(destinationIp.toBytes());
        out.putShort(14 + 10, (short) InternetChecksum.of(frame, 14, 20, 0));
        out.putShort((short) sourcePort).putShort((short) destinationPort).putShort((short) udpLength)
                .putShort((short) 0).put(payload);
        int udp = udpChecksum(frame, 34, udpLength, sourceIp.toBytes(), destinationIp.toBytes());
        out.putShort(34 + 6, (short) (udp == 0 ? 0xffff : udp));
        return frame;
    }

    private static int udpChecksum(byte[] frame, int udpStart, int udpLength, byte[] src, byte[] dst) {
        long pseudo = 0;
        pseudo += ((src[0] & 0xff) << 8 | (src[1] & 0xff)) + ((src[2] & 0xff) << 8 | (src[3] & 0xff));
        pseudo += ((dst[0] & 0xff) << 8 | (dst[1] & 0xff)) + ((dst[2] & 0xff) << 8 | (dst[3] & 0xff));
        pseudo += UDP + udpLength;
        return InternetChecksum.of(frame, udpStart, udpLength, pseudo);
    }

    private static MacAddress mac(ByteBuffer in) {
        byte[] b = new byte[6];
        in.get(b);
        return MacAddress.fromBytes(b);
    }
}
