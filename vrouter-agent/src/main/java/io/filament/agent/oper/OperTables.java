package io.filament.agent.oper;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What this host should forward with, derived from config, ports and learned routes: VRFs, VM interfaces,
 * next hops, routes, MPLS labels and compiled ACLs. An immutable snapshot; two snapshots compare equal when
 * the dataplane would hold the same state.
 */
public record OperTables(SortedMap<String, Vrf> vrfs, SortedMap<UUID, VmInterface> interfaces,
                         SortedMap<Integer, NextHopEntry> nextHops, SortedMap<VrfRoute.Key, VrfRoute> routes,
                         SortedMap<Integer, MplsLabelEntry> labels, SortedMap<String, CompiledAcl> acls) {

    public static final OperTables EMPTY = new OperTables(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(),
            new TreeMap<>(), new TreeMap<>(), new TreeMap<>());

    public OperTables {
        vrfs = Collections.unmodifiableSortedMap(new TreeMap<>(vrfs));
        interfaces = Collections.unmodifiableSortedMap(new TreeMap<>(interfaces));
        nextHops = Collections.unmodifiableSortedMap(new TreeMap<>(nextHops));
        routes = Collections.unmodifiableSortedMap(new TreeMap<>(routes));
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        acls = Collections.unmodifiableSortedMap(new TreeMap<>(acls));
    }

    public List<VrfRoute> routesOf(int vrfIndex) {
        return routes.values().stream().filter(r -> r.vrfIndex() == vrfIndex).toList();
    }

    /** Routes this host originates (to publish to the control nodes). */
    public List<VrfRoute> localRoutes() {
        return routes.values().stream().filter(r -> r.origin() == VrfRoute.Origin.LOCAL_INTERFACE).toList();
    }

    public String vrfName(int index) {
        return vrfs.values().stream().filter(v -> v.index() == index).map(Vrf::name).findFirst().orElse("");
    }
}
