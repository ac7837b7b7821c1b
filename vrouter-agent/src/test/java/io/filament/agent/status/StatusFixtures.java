package io.filament.agent.status;

import io.filament.agent.ifmap.ConfigVersion;
import io.filament.agent.oper.NextHopEntry;
import io.filament.agent.oper.OperTables;
import io.filament.agent.oper.Vrf;
import io.filament.agent.oper.VmInterface;
import io.filament.agent.oper.VrfRoute;
import io.filament.contracts.net.IpAddress;
import io.filament.contracts.net.MacAddress;
import io.filament.contracts.xmpp.RoutePrefix;
import io.filament.contracts.xmpp.TunnelEncapsulation;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Oper tables of one host: VRF {@code red} (index 1) with a configured local port 10.1.1.3 (label 16, next hop
 * 10; built from VMI version 4 and network version 7), an unconfigured port, and a remote 10.1.1.4 behind host
 * 127.0.0.12 (next hop 11).
 */
final class StatusFixtures {

    static final UUID CONFIGURED = UUID.fromString("6a1f0000-0000-4000-8000-000000000001");
    static final UUID UNCONFIGURED = UUID.fromString("6a1f0000-0000-4000-8000-000000000002");
    static final String RED_VN = "default-domain:demo:red";
    static final UUID RED_VN_UUID = UUID.fromString("3f2a0000-0000-4000-8000-000000000007");
    static final String RED_RI = "default-domain:demo:red:red";

    private StatusFixtures() {
    }

    static OperTables tables() {
        TreeMap<String, Vrf> vrfs = new TreeMap<>();
        vrfs.put(RED_RI, new Vrf(RED_RI, 1));
        TreeMap<UUID, VmInterface> interfaces = new TreeMap<>();
        interfaces.put(CONFIGURED, new VmInterface(CONFIGURED, 3, "tap6a1f0000-00", Optional.empty(), "",
                MacAddress.parse("02:00:00:00:00:03"), Optional.of(IpAddress.parse("10.1.1.3")), Optional.of(1),
                Optional.of(16), Optional.of(10), RED_VN, List.of(), Optional.empty(), List.of(), List.of(),
                Optional.empty(), Optional.of("default-domain:demo:vmi1"),
                List.of(new ConfigVersion("virtual-machine-interface", CONFIGURED, 4),
                        new ConfigVersion("virtual-network", RED_VN_UUID, 7))));
        interfaces.put(UNCONFIGURED, new VmInterface(UNCONFIGURED, 4, "tap6a1f0000-01", Optional.empty(), "",
                MacAddress.parse("02:00:00:00:00:04"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), "", List.of(), Optional.empty(), List.of(), List.of(), Optional.empty(),
                Optional.empty(), List.of()));
        TreeMap<Integer, NextHopEntry> nextHops = new TreeMap<>();
        nextHops.put(10, NextHopEntry.toInterface(10, CONFIGURED));
        nextHops.put(11, NextHopEntry.tunnel(11, "127.0.0.12", TunnelEncapsulation.UDP, 17));
        TreeMap<VrfRoute.Key, VrfRoute> routes = new TreeMap<>();
        for (VrfRoute r : List.of(
                new VrfRoute(1, RoutePrefix.parse("10.1.1.3/32"), 10, 16, RED_VN, List.of(), VrfRoute.Origin.LOCAL_INTERFACE),
                new VrfRoute(1, RoutePrefix.parse("10.1.1.4/32"), 11, 17, RED_VN, List.of(), VrfRoute.Origin.REMOTE))) {
            routes.put(r.key(), r);
        }
        return new OperTables(vrfs, interfaces, nextHops, routes, new TreeMap<>(), new TreeMap<>());
    }
}
