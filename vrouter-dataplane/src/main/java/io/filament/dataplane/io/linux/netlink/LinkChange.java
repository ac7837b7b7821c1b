package io.filament.dataplane.io.linux.netlink;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * An {@code RTM_NEWLINK} request that changes an existing link, found by its index: optionally moves it into the
 * network namespace behind a file descriptor and names it, sets its MAC, MTU and transmit queue length and brings it
 * up, all in one message. Attributes go in the order iproute2's {@code ip link set} writes them.
 *
 * <pre>
 * struct ifinfomsg { u8 family (AF_UNSPEC); u8 pad; u16 type (0); s32 index; u32 flags; u32 change; }
 * attributes: IFLA_NET_NS_FD (u32), IFLA_ADDRESS (6 bytes), IFLA_MTU (u32), IFLA_TXQLEN (u32), IFLA_IFNAME (string)
 * </pre>
 *
 * <p>The kernel ({@code do_setlink}) moves the link first, then applies address, MTU, name, flags and queue length
 * to it in the target namespace, so one message places a link completely. It is not atomic: when the new name is
 * taken in the target namespace, the move has already happened under the old name and the request fails with
 * {@code EEXIST}.
 *
 * @param index the link's index in the sender's namespace
 * @param namespaceFd an open descriptor of the target network namespace, empty to stay
 * @param name the link's new name, empty to keep it
 * @param up bring the link up ({@code ifi_flags} and {@code ifi_change} {@code IFF_UP}); false leaves its state
 */
public record LinkChange(int index, OptionalInt namespaceFd, Optional<String> name, long mac, int mtu,
                         int txQueueLength, boolean up) {

    public static final int RTM_NEWLINK = 16;
    public static final int IFLA_ADDRESS = 1;
    public static final int IFLA_IFNAME = 3;
    public static final int IFLA_MTU = 4;
    public static final int IFLA_TXQLEN = 13;
    public static final int IFLA_NET_NS_FD = 28;
    public static final int IFF_UP = 0x1;
    private static final int AF_UNSPEC = 0;

    public LinkChange {
        if (index <= 0) {
            throw new IllegalArgumentException("link index " + index + " must be positive");
        }
    }

    /** The request with {@code NLM_F_REQUEST | NLM_F_ACK}: the kernel answers with an {@code NLMSG_ERROR} ack. */
    public byte[] encode(int sequence) {
        NetlinkMessageBuilder m = new NetlinkMessageBuilder(RTM_NEWLINK,
                NetlinkMessageBuilder.NLM_F_REQUEST | NetlinkMessageBuilder.NLM_F_ACK, sequence);
        int flags = up ? IFF_UP : 0;
        m.u8(AF_UNSPEC).u8(0).u16(0).u32(index).u32(flags).u32(flags);
        namespaceFd.ifPresent(fd -> m.attribute(IFLA_NET_NS_FD, fd));
        m.attribute(IFLA_ADDRESS, mac48());
        m.attribute(IFLA_MTU, mtu);
        m.attribute(IFLA_TXQLEN, txQueueLength);
        name.ifPresent(n -> m.attribute(IFLA_IFNAME, n));
        return m.build();
    }

    private byte[] mac48() {
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (mac >>> (40 - 8 * i));
        }
        return b;
    }
}
