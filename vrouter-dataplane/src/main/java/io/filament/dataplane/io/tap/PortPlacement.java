package io.filament.dataplane.io.tap;

import io.filament.dataplane.io.linux.Libc;
import io.filament.dataplane.io.linux.NativeCallException;
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
 * Where a freshly created TAP goes: optionally into a network namespace (as a VM's or pod's NIC) under a new name,
 * with the VM's MAC, an MTU and a long transmit queue, brought up.
 *
 * <p>{@link #apply} does all of it with one rtnetlink {@code RTM_NEWLINK} request ({@link LinkChange}): the kernel
 * moves the link into the namespace, then renames it there and sets address, MTU, queue length and {@code IFF_UP},
 * and acks once. When the new name is taken inside the namespace the move has already happened and the request
 * fails ({@code EEXIST}); the caller closes the TAP's descriptor, which removes the device wherever it is.
 *
 * @param namespace a network namespace: a name under {@code /var/run/netns} or an absolute path (e.g.
 *                  {@code /proc/<pid>/ns/net}); empty to stay in the dataplane's namespace
 * @param renameTo the name inside the namespace, empty to keep the TAP's name; ignored without a namespace
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

    /**
     * Places the TAP named {@code tapName} (in the dataplane's namespace) with one netlink request.
     *
     * @throws LinkPlacementException when the namespace cannot be opened or the kernel refuses the change
     */
    public void apply(String tapName) {
        int index = index(tapName);
        if (namespace.isEmpty()) {
            send(tapName, new LinkChange(index, OptionalInt.empty(), Optional.empty(), mac, mtu, TX_QUEUE_LENGTH, true));
            return;
        }
        int nsFd = openNamespace(tapName);
        try {
            Optional<String> name = renameTo.isEmpty() ? Optional.empty() : Optional.of(renameTo);
            send(tapName, new LinkChange(index, OptionalInt.of(nsFd), name, mac, mtu, TX_QUEUE_LENGTH, true));
        } finally {
            Libc.close(nsFd);
        }
    }

    private int index(String tapName) {
        try {
            return Libc.ifNameToIndex(tapName);
        } catch (NativeCallException e) {
            throw new LinkPlacementException(this, tapName, "interface.name", e.errno(), Libc.strerror(e.errno()));
        }
    }

    private int openNamespace(String tapName) {
        try {
            return Libc.open(namespacePath(), Libc.O_RDONLY | Libc.O_CLOEXEC);
        } catch (NativeCallException e) {
            throw new LinkPlacementException(this, tapName, "interface.namespace", e.errno(),
                    namespacePath() + ": " + Libc.strerror(e.errno()));
        }
    }

    private void send(String tapName, LinkChange change) {
        NetlinkAck ack;
        try (NetlinkSocket socket = NetlinkSocket.openRoute(ACK_TIMEOUT)) {
            ack = socket.request(change::encode);
        } catch (NativeCallException e) {
            throw new LinkPlacementException(this, tapName, "interface", e.errno(), e.getMessage());
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
