package io.filament.agent.dhcp.wire;

import io.filament.contracts.net.IpAddress;
import io.filament.contracts.net.MacAddress;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the DHCP message (the UDP payload).
 *
 * <pre>
 *  0       1       2       3
 * +-------+-------+-------+-------+
 * |  op   | htype | hlen  | hops  |
 * |             xid               |
 * |     secs      |     flags     |   flags: bit 15 = BROADCAST
 * |   ciaddr  yiaddr  siaddr  giaddr (4 bytes each)
 * |   chaddr (16)  sname (64)  file (128)
 * |   magic cookie 99.130.83.99   |
 * |   options: code, len, value … 255 (end)
 * +-------------------------------+
 * </pre>
 *
 * Written messages are padded to BOOTP's minimum of 300 bytes, as clients and relays expect.
 */
public final class DhcpCodec {

    public static final int MAGIC_COOKIE = 0x63825363;
    public static final int FIXED_LENGTH = 236;
    public static final int MIN_LENGTH = 300;
    /** The largest message this server reads: the default MTU's payload. */
    public static final int MAX_LENGTH = 1500 - 28;

    private static final int HTYPE_ETHERNET = 1;
    private static final int HLEN_ETHERNET = 6;
    private static final int PAD = 0;
    private static final int END = 255;

    private DhcpCodec() {
    }

    public static DhcpMessage decode(ByteBuffer in) {
        if (in.remaining() < FIXED_LENGTH + 4) {
            throw new DhcpDecodeException("length", String.valueOf(in.remaining()), "shorter than 240 bytes");
        }
        if (in.remaining() > MAX_LENGTH) {
            throw new DhcpDecodeException("length", String.valueOf(in.remaining()), "longer than " + MAX_LENGTH);
        }
        int op = in.get() & 0xff;
        int htype = in.get() & 0xff;
        int hlen = in.get() & 0xff;
        in.get();
        if (htype != HTYPE_ETHERNET || hlen != HLEN_ETHERNET) {
            throw new DhcpDecodeException("htype/hlen", htype + "/" + hlen, "only Ethernet (1/6) is served");
        }
        int xid = in.getInt();
        int secs = in.getShort() & 0xffff;
        boolean broadcast = (in.getShort() & 0x8000) != 0;
        IpAddress ciaddr = address(in);
        IpAddress yiaddr = address(in);
        IpAddress siaddr = address(in);
        IpAddress giaddr = address(in);
        byte[] chaddr = new byte[16];
        in.get(chaddr);
        in.position(in.position() + 64 + 128);
        int cookie = in.getInt();
        if (cookie != MAGIC_COOKIE) {
            throw new DhcpDecodeException("magic cookie", Integer.toHexString(cookie), "must be 63825363");
        }
        byte[] mac = new byte[6];
        System.arraycopy(chaddr, 0, mac, 0, 6);
        return new DhcpMessage(op, xid, secs, broadcast, ciaddr, yiaddr, siaddr, giaddr, MacAddress.fromBytes(mac),
                options(in));
    }

    public static DhcpMessage decode(byte[] payload) {
        return decode(ByteBuffer.wrap(payload));
    }

    private static List<DhcpOption> options(ByteBuffer in) {
        List<DhcpOption> options = new ArrayList<>();
        try {
            while (true) {
                int code = in.get() & 0xff;
                if (code == END) {
                    return options;
                }
                if (code == PAD) {
                    continue;
                }
                int len = in.get() & 0xff;
                if (len > in.remaining()) {
                    throw new DhcpDecodeException("option " + code, len + " bytes", "runs past the message");
                }
                byte[] value = new byte[len];
                in.get(value);
                options.add(new DhcpOption(code, value));
            }
        } catch (BufferUnderflowException e) {
            throw new DhcpDecodeException("options", options.size() + " read", "no end option (255)");
        }
    }

    private static IpAddress address(ByteBuffer in) {
        byte[] b = new byte[4];
        in.get(b);
        return IpAddress.fromBytes(b);
    }

    public static byte[] encode(DhcpMessage m) {
        int optionBytes = 1;
        for (DhcpOption o : m.options()) {
            optionBytes += 2 + o.length();
        }
        int length = Math.max(MIN_LENGTH, FIXED_LENGTH + 4 + optionBytes);
        if (length > MAX_LENGTH) {
            throw new DhcpDecodeException("options", optionBytes + " bytes", "message longer than " + MAX_LENGTH);
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        out.put((byte) m.op()).put((byte) HTYPE_ETHERNET).put((byte) HLEN_ETHERNET).put((byte) 0);
        out.putInt(m.xid());
        out.putShort((short) m.secs());
        out.putShort((short) (m.broadcast() ? 0x8000 : 0));
        out.put(m.ciaddr().toBytes()).put(m.yiaddr().toBytes()).put(m.siaddr().toBytes()).put(m.giaddr().toBytes());
        out.put(m.chaddr().toBytes());
        out.position(out.position() + 10 + 64 + 128);
        out.putInt(MAGIC_COOKIE);
        for (DhcpOption o : m.options()) {
            out.put((byte) o.code()).put((byte) o.length()).put(o.value());
        }
        out.put((byte) END);
        return out.array();
    }
}
