package io.filament.dataplane.io.linux.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds one netlink message in host byte order: the header, a fixed family header written field by field, then
 * attributes, each padded to {@link #NLA_ALIGNTO} bytes.
 *
 * <pre>
 *  0               1               2               3
 * +---------------+---------------+---------------+---------------+
 * |                     nlmsg_len (whole message)                 |
 * +-------------------------------+-------------------------------+
 * |          nlmsg_type           |          nlmsg_flags          |
 * +-------------------------------+-------------------------------+
 * |                           nlmsg_seq                           |
 * +---------------------------------------------------------------+
 * |                      nlmsg_pid (0: from us)                   |
 * +---------------------------------------------------------------+
 * |  family header (e.g. struct ifinfomsg, 16 bytes)              |
 * +-------------------------------+-------------------------------+
 * |  nla_len (4 + value length)   |           nla_type            |  one per attribute,
 * +-------------------------------+-------------------------------+  value padded to 4
 * |  value ...                                    | padding (0)   |
 * +---------------------------------------------------------------+
 * </pre>
 */
public final class NetlinkMessageBuilder {

    public static final int HEADER_LENGTH = 16;
    public static final int NLA_ALIGNTO = 4;
    public static final int NLA_HEADER_LENGTH = 4;
    public static final int NLM_F_REQUEST = 0x1;
    public static final int NLM_F_ACK = 0x4;
    /** The largest message this builder writes; requests here are well under a hundred bytes. */
    static final int MAX_LENGTH = 4096;

    private final ByteBuffer buf = ByteBuffer.allocate(MAX_LENGTH).order(ByteOrder.nativeOrder());

    public NetlinkMessageBuilder(int type, int flags, int sequence) {
        buf.putInt(0).putShort((short) type).putShort((short) flags).putInt(sequence).putInt(0);
    }

    /** {@code length} rounded up to the attribute alignment. */
    public static int align(int length) {
        return (length + NLA_ALIGNTO - 1) & -NLA_ALIGNTO;
    }

    public NetlinkMessageBuilder u8(int value) {
        buf.put((byte) value);
        return this;
    }

    public NetlinkMessageBuilder u16(int value) {
        buf.putShort((short) value);
        return this;
    }

    public NetlinkMessageBuilder u32(int value) {
        buf.putInt(value);
        return this;
    }

    /** An attribute with a 32-bit value. */
    public NetlinkMessageBuilder attribute(int type, int value) {
        return attribute(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }

    /** An attribute with a NUL-terminated string value, as the kernel's {@code NLA_STRING} policy expects. */
    public NetlinkMessageBuilder attribute(int type, String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        return attribute(type, Arrays.copyOf(text, text.length + 1));
    }

    public NetlinkMessageBuilder attribute(int type, byte[] value) {
        int length = NLA_HEADER_LENGTH + value.length;
        buf.putShort((short) length).putShort((short) type).put(value);
        buf.position(buf.position() + align(length) - length);
        return this;
    }

    /** The message with its length filled in. */
    public byte[] build() {
        int length = buf.position();
        buf.putInt(0, length);
        return Arrays.copyOf(buf.array(), length);
    }
}
