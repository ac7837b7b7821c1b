package io.filament.e2e;

import io.filament.cli.fabric.FabricIntent.Port;
import io.filament.cli.netns.Netns;
import io.filament.cli.netns.Ping;

/** A VM of an end-to-end test: a namespace whose {@code eth0} is a TAP of its host's dataplane, addressed by DHCP. */
public record TestVm(String name, String host, Netns netns, Port port) {

    public String ipAddress() {
        return port.ipAddress();
    }

    /** {@code count} echo requests to {@code other}, 0.2 s apart, each waiting at most a second for its reply. */
    public Ping.PingResult ping(TestVm other, int count) {
        return Ping.from(netns, other.ipAddress(), count, 1);
    }
}
