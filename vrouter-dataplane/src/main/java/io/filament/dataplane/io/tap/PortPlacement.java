package io.filament.dataplane.io.tap;

import io.filament.dataplane.io.linux.Libc;
import io.filament.dataplane.io.linux.NativeCallException;
import io.filament.dataplane.io.linux.NetworkNamespace;
import io.filament.dataplane.io.linux.netlink.LinkChange;
import io.filament.dataplane.io.linux.netlink.NetlinkAck;
import io.filament.dataplane.io.linux.netlink.NetlinkDecodeException;
import io.filament.dataplane.io.linux.netlink.NetlinkSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Where a new TAP goes: optionally into a network namespace (as a VM's or pod's NIC) under a new name, with the
 * VM's MAC, an MTU and a long transmit queue, brought up.
 *
 * <p>{@link #create} makes the device where it belongs instead of moving it there: the calling thread enters the
 * namespace ({@code setns(2)}), opens {@code /dev/net/tun} and creates the TAP under its final name
 * ({@code IFF_TUN_EXCL}: never someone else's device), then sets address, MTU, queue length and {@code IFF_UP}
 * with one rtnetlink {@code RTM_NEWLINK} ({@link LinkChange}) on a routing socket of that namespace, and leaves.
 * The alternative — create in the dataplane's namespace, then one {@code RTM_NEWLINK} with
 * {@code IFLA_NET_NS_FD} and {@code IFLA_IFNAME}, which the kernel applies whole — works, but the move itself
 * ({@code __dev_change_net_namespace}: unlist, RCU grace periods, sysfs and uevent moves) took 16–37 ms per
 * device on the 2-core test machine at load 20, against 1–4 ms for creating in place; a move also leaves the
 * device in the namespace under its old name when the new one is taken there. Here a taken name fails before
 * anything is created, and any later failure closes the new device, which removes it.
 *
 * @param namespace a network namespace: a name under {@code /var/run/netns} or an absolute path (e.g.
 *                  {@code /proc/<pid>/ns/net}); empty to stay in the dataplane's namespace
 * @param renameTo the device's name inside the namespace, empty to use the TAP's name; ignored without a namespace
 */
public record PortPlacement(String namespace, String renameTo, long mac, int mtu) {

    /**
     * Frames the TAP queues from the VM while the reader thread is not running (default 1,000): at 25 kpps a
     * 40 ms scheduling gap already overflows the default; 10,000 rides out 400 ms.
     */
    static final int TX_QUEUE_LENGTH = 10_000;
    static final String NETNS_DIRECTORY = "/var/run/netns/";
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);
    private static final int IFNAMSIZ = 16;
    private static final int ENODEV = 19;
    private static final int EEXIST = 17;
    private static final Pattern BAD_IFNAME_CHARACTER = Pattern.compile("[/:\\s\\x00]");

    public PortPlacement {
        requireValid(namespace, renameTo);
    }

    /**
     * Checks a namespace and a new name as the kernel and iproute2 would take them, before anything is created.
     *
     * @throws InvalidPlacementException naming {@code interface.namespace} or {@code interface.rename_to}
     */
    public static void requireValid(String namespace, String renameTo) {
        if (!namespace.isEmpty() && !validNamespace(namespace)) {
            throw new InvalidPlacementException("interface.namespace", namespace,
                    "must be a namespace name (no '/') or an absolute path without '..'");
        }
        if (!renameTo.isEmpty() && !validInterfaceName(renameTo)) {
            throw new InvalidPlacementException("interface.rename_to", renameTo,
                    "must be 1..15 bytes, not '.' or '..', without '/', ':' or white space");
        }
    }

    private static boolean validNamespace(String ns) {
        if (ns.indexOf('\0') >= 0 || ns.length() > 4095) {
            return false;
        }
        if (ns.startsWith("/")) {
            return !ns.equals("/") && !("/" + ns + "/").contains("/../");
        }
        return ns.indexOf('/') < 0 && !ns.equals(".") && !ns.equals("..") && ns.length() <= 255;
    }

    private static boolean validInterfaceName(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length < IFNAMSIZ && !name.equals(".") && !name.equals("..")
                && !BAD_IFNAME_CHARACTER.matcher(name).find();
    }

    /** The file that stands for the namespace. */
    String namespacePath() {
        return namespace.startsWith("/") ? namespace : NETNS_DIRECTORY + namespace;
    }

    /** The device's name where it ends up. */
    String finalName(String tapName) {
        return namespace.isEmpty() || renameTo.isEmpty() ? tapName : renameTo;
    }

    /**
     * Creates the TAP {@code tapName} (with {@code virtio_net_hdr} offloads when asked) and places it.
     *
     * @throws LinkPlacementException when the namespace cannot be opened, the name is taken there or the kernel
     *                                refuses; nothing is left behind then
     */
    public TapDevice create(String tapName, boolean offloads) {
        if (namespace.isEmpty()) {
            TapDevice device = offloads ? TapDevice.createWithOffloads(tapName) : TapDevice.create(tapName);
            return configured(device, tapName);
        }
        try (NetworkNamespace ns = openNamespace(tapName)) {
            return ns.enter(() -> createInside(tapName, offloads));
        }
    }

    private TapDevice createInside(String tapName, boolean offloads) {
        String name = finalName(tapName);
        if (exists(name)) {
            throw new LinkPlacementException(this, tapName, "interface", EEXIST, Libc.strerror(EEXIST));
        }
        TapDevice device;
        try {
            device = TapDevice.createNew(name, offloads);
        } catch (NativeCallException e) {
            throw new LinkPlacementException(this, tapName, "interface", e.errno(), e.getMessage());
        }
        return configured(device, tapName);
    }

    private static boolean exists(String name) {
        try {
            Libc.ifNameToIndex(name);
            return true;
        } catch (NativeCallException e) {
            if (e.errno() == ENODEV) {
                return false;
            }
            throw e;
        }
    }

    private NetworkNamespace openNamespace(String tapName) {
        try {
            return NetworkNamespace.open(namespacePath());
        } catch (NativeCallException e) {
            throw new LinkPlacementException(this, tapName, "interface.namespace", e.errno(),
                    namespacePath() + ": " + Libc.strerror(e.errno()));
        }
    }

    /** Sets MAC, MTU, queue length and up in the calling thread's namespace; closes the device on failure. */
    private TapDevice configured(TapDevice device, String tapName) {
        try {
            int index = Libc.ifNameToIndex(device.name());
            send(tapName, new LinkChange(index, OptionalInt.empty(), Optional.empty(), mac, mtu, TX_QUEUE_LENGTH,
                    true));
            return device;
        } catch (NativeCallException e) {
            device.close();
            throw new LinkPlacementException(this, tapName, "interface", e.errno(), e.getMessage());
        } catch (RuntimeException e) {
            device.close();
            throw e;
        }
    }

    private void send(String tapName, LinkChange change) {
        NetlinkAck ack;
        try (NetlinkSocket socket = NetlinkSocket.openRoute(ACK_TIMEOUT)) {
            ack = socket.request(change::encode);
        } catch (NetlinkDecodeException e) {
            throw new LinkPlacementException(this, tapName, "interface", 0, "unreadable netlink ack: " + e.getMessage());
        }
        if (!ack.succeeded()) {
            String reason = Libc.strerror(ack.error())
                    + (ack.kernelMessage().isEmpty() ? "" : " (" + ack.kernelMessage() + ")");
            throw new LinkPlacementException(this, tapName, "interface", ack.error(), reason);
        }
    }
}
