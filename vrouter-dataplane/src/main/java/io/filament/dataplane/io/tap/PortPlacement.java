package io.filament.dataplane.io.tap;

import io.filament.dataplane.packet.wire.MacAddress;

/**
 * Where a freshly created TAP goes: optionally into a network namespace (as a VM's or pod's NIC) under a new name,
 * with the VM's MAC and an MTU, brought up.
 *
 * @param namespace network namespace name under /var/run/netns, empty to stay in the dataplane's namespace
 * @param renameTo the name inside the namespace, empty to keep the TAP's name
 */
public record PortPlacement(String namespace, String renameTo, long mac, int mtu) {

    /**
     * Frames the TAP queues from the VM while the reader thread is not running (default 1,000): at 25 kpps a
     * 40 ms scheduling gap already overflows the default; 10,000 rides out 400 ms.
     */
    static final String TX_QUEUE_LENGTH = "10000";

    public void apply(String tapName) {
        String mac48 = new MacAddress(mac).toString();
        if (namespace.isEmpty()) {
            IpCommand.run("link", "set", "dev", tapName, "address", mac48, "mtu", Integer.toString(mtu), "txqueuelen",
                    TX_QUEUE_LENGTH, "up");
            return;
        }
        IpCommand.run("link", "set", "dev", tapName, "netns", namespace);
        String name = tapName;
        if (!renameTo.isEmpty() && !renameTo.equals(tapName)) {
            IpCommand.run("-n", namespace, "link", "set", "dev", tapName, "name", renameTo);
            name = renameTo;
        }
        IpCommand.run("-n", namespace, "link", "set", "dev", name, "address", mac48, "mtu", Integer.toString(mtu),
                "txqueuelen", TX_QUEUE_LENGTH, "up");
    }
}
