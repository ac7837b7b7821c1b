package io.filament.dataplane.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.filament.dataplane.control.netty.ControlClient;
import io.filament.dataplane.control.wire.ControlMessage;
import io.filament.dataplane.control.wire.ControlMessage.*;
import io.filament.dataplane.packet.wire.Ipv4Header;
import io.filament.dataplane.packet.wire.MacAddress;
import io.filament.dataplane.table.NextHop;
import io.filament.dataplane.table.Vif;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Programs one dataplane over its control socket the way an agent does, asserting every reply is Ok. */
final class HostProgram {

    static final int VRF = 1;
    private final ControlClient client;

    HostProgram(ControlClient client) {
        this.client = client;
    }

    ControlMessage call(ControlMessage m) {
        try {
            return client.call(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void ok(ControlMessage m) {
        assertThat(call(m)).as(m.toString()).isEqualTo(new Ok());
    }

    static long v4(String dotted) {
        return ((long) Ipv4Header.parse(dotted)) << 32;
    }

    void vrf() {
        ok(new AddVrf(VRF));
    }

    /**
     * A VM on interface {@code index}: TAP {@code tap} moved into {@code namespace} as eth0, next hop {@code index},
     * /32 route, and MPLS label {@code 16 + index} leading to it.
     */
    void vm(int index, String tap, String namespace, String mac, String ip, int flags, int[] ingress, int[] egress) {
        ok(new AddInterface(new Vif(index, tap, MacAddress.parse(mac).value(), Ipv4Header.parse(ip), VRF, flags,
                1450, 0, 0, ingress, egress), namespace, "eth0"));
        ok(new AddNextHop(new NextHop.Interface(index, index)));
        ok(new AddRoute(VRF, 4, v4(ip), 0, 32, index));
        ok(new AddLabel(16 + index, index));
    }

    void vm(int index, String tap, String namespace, String mac, String ip) {
        vm(index, tap, namespace, mac, ip, Vif.FLAG_POLICY | Vif.FLAG_DHCP_TRAP, new int[0], new int[0]);
    }

    /** A remote VM's /32 behind a tunnel next hop {@code nh}. */
    void remote(int nh, NextHop.Encapsulation encap, String fabric, int labelOrVni, long innerMac, String ip) {
        ok(new AddNextHop(new NextHop.Tunnel(nh, encap, Ipv4Header.parse(fabric), labelOrVni, innerMac)));
        ok(new AddRoute(VRF, 4, v4(ip), 0, 32, nh));
    }
}
