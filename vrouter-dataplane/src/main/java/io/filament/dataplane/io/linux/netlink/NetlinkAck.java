package io.filament.dataplane.io.linux.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The kernel's answer to a request sent with {@code NLM_F_ACK}: an {@code NLMSG_ERROR} message whose error is 0 on
 * success or a negated errno.
 *
 * <pre>
 * nlmsghdr (type NLMSG_ERROR = 2, flags NLM_F_CAPPED 0x100 | NLM_F_ACK_TLVS 0x200 as they apply)
 * s32 error | nlmsghdr of the request | the request's payload unless NLM_F_CAPPED | attributes if NLM_F_ACK_TLVS
 * </pre>
 *
 * With {@code NETLINK_EXT_ACK} set on the socket the kernel may add {@code NLMSGERR_ATTR_MSG}, a text saying what
 * it refused (e.g. "mtu less than device minimum"); it is kept in {@link #kernelMessage()}.
 *
 * @param error 0 for success, else the errno (positive)
 * @param kernelMessage the extended-ack text, empty when the kernel sent none
 */
public record NetlinkAck(int sequence, int error, String kernelMessage) {

    public static final int NLMSG_ERROR = 2;
    public static final int NLM_F_CAPPED = 0x100;
    public static final int NLM_F_ACK_TLVS = 0x200;
    public static final int NLMSGERR_ATTR_MSG = 1;
    private static final int ERROR_LENGTH = 4;

    public boolean succeeded() {
        return error == 0;
    }

    /**
     * The ack for request {@code sequence} among the messages of one received datagram (in host byte order);
     * empty when the datagram holds none. Other messages are skipped.
     */
    public static Optional<NetlinkAck> find(byte[] datagram, int length, int sequence) {
        ByteBuffer b = ByteBuffer.wrap(datagram, 0, length).order(ByteOrder.nativeOrder());
        int at = 0;
        while (length - at >= NetlinkMessageBuilder.HEADER_LENGTH) {
            int messageLength = b.getInt(at);
            if (messageLength < NetlinkMessageBuilder.HEADER_LENGTH || messageLength > length - at) {
                throw new NetlinkDecodeException("nlmsg_len", Integer.toUnsignedLong(messageLength),
                        "outside 16.." + (length - at) + " at offset " + at);
            }
            int type = Short.toUnsignedInt(b.getShort(at + 4));
            if (type == NLMSG_ERROR && b.getInt(at + 8) == sequence) {
                return Optional.of(decode(b.slice(at, messageLength).order(ByteOrder.nativeOrder())));
            }
            at += NetlinkMessageBuilder.align(messageLength);
        }
        if (at < length) {
            throw new NetlinkDecodeException("nlmsg_len", length - at, "trailing bytes shorter than a header");
        }
        return Optional.empty();
    }

    /** Decodes one {@code NLMSG_ERROR} message (header included). */
    static NetlinkAck decode(ByteBuffer m) {
        int length = m.limit();
        int minimum = NetlinkMessageBuilder.HEADER_LENGTH + ERROR_LENGTH + NetlinkMessageBuilder.HEADER_LENGTH;
        if (length < minimum) {
            throw new NetlinkDecodeException("nlmsg_len", length, "an error message needs at least " + minimum);
        }
        int flags = Short.toUnsignedInt(m.getShort(6));
        int sequence = m.getInt(8);
        int error = m.getInt(NetlinkMessageBuilder.HEADER_LENGTH);
        if (error > 0) {
            throw new NetlinkDecodeException("error", error, "must be 0 or a negated errno");
        }
        int request = NetlinkMessageBuilder.HEADER_LENGTH + ERROR_LENGTH;
        int attributes = request + NetlinkMessageBuilder.HEADER_LENGTH;
        if ((flags & NLM_F_CAPPED) == 0) {
            int echoed = m.getInt(request);
            if (echoed < NetlinkMessageBuilder.HEADER_LENGTH || echoed > length - request) {
                throw new NetlinkDecodeException("nlmsgerr.msg.nlmsg_len", Integer.toUnsignedLong(echoed),
                        "outside 16.." + (length - request));
            }
            attributes = request + NetlinkMessageBuilder.align(echoed);
        }
        String text = (flags & NLM_F_ACK_TLVS) == 0 ? "" : message(m, attributes);
        return new NetlinkAck(sequence, -error, text);
    }

    private static String message(ByteBuffer m, int at) {
        int length = m.limit();
        while (length - at >= NetlinkMessageBuilder.NLA_HEADER_LENGTH) {
            int attributeLength = Short.toUnsignedInt(m.getShort(at));
            int type = m.getShort(at + 2) & 0x3fff;
            if (attributeLength < NetlinkMessageBuilder.NLA_HEADER_LENGTH || attributeLength > length - at) {
                throw new NetlinkDecodeException("nla_len", attributeLength, "outside 4.." + (length - at)
                        + " at offset " + at);
            }
            if (type == NLMSGERR_ATTR_MSG) {
                return cString(m, at + NetlinkMessageBuilder.NLA_HEADER_LENGTH,
                        attributeLength - NetlinkMessageBuilder.NLA_HEADER_LENGTH);
            }
            at += NetlinkMessageBuilder.align(attributeLength);
        }
        return "";
    }

    private static String cString(ByteBuffer m, int at, int max) {
        int end = 0;
        while (end < max && m.get(at + end) != 0) {
            end++;
        }
        byte[] text = new byte[end];
        m.get(at, text);
        return new String(text, StandardCharsets.UTF_8);
    }
}
