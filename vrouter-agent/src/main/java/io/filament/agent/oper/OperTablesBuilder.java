package io.filament.agent.oper;

import io.filament.agent.dhcp.server.DhcpBinding;
import io.filament.agent.ifmap.ConfigImage;
import io.filament.agent.ifmap.PortConfig;
import io.filament.agent.ifmap.PortConfigCache;
import io.filament.agent.port.Port;
import io.filament.agent.xmpp.wire.ConfigNodeKey;
import io.filament.contracts.net.IpPrefix;
import io.filament.contracts.xmpp.RoutePrefix;
import io.filament.contracts.xmpp.TunnelEncapsulation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Derives {@link OperTables} from config, ports (in the order they were plugged) and learned routes: a full
 * recompute, so the result depends only on its inputs and the (persisted) numbering. Only the ports' configs are
 * carried over from build to build ({@link PortConfigCache}), each as long as nothing it was resolved from changed.
 * Numbers of things that disappeared are released, unless the caller asks to keep them: right after a start, before
 * config and routes have been re-learned, a port without config yet must not lose the VRF index, label and next
 * hops the dataplane still has for it.
 *
 * <ul>
 *   <li>one VRF per routing instance of a port with config, index from {@link Allocations#vrfs()};</li>
 *   <li>per port an interface next hop and an MPLS label (16 up) pointing at it, and a /32 route to it;</li>
 *   <li>the subnet's gateway and DNS addresses as /32 routes to the RECEIVE next hop (answered by the agent);</li>
 *   <li>learned routes of those VRFs as routes to tunnel next hops (one per remote host and encapsulation),
 *       the encapsulation being the first of this host's priorities that the route offers.</li>
 * </ul>
 */
public final class OperTablesBuilder {

    private final Allocations allocations;
    private final String fabricAddress;
    private final PortConfigCache portConfigs = new PortConfigCache();

    public OperTablesBuilder(Allocations allocations, String fabricAddress) {
        this.allocations = allocations;
        this.fabricAddress = fabricAddress;
    }

    /** What happens to numbers that no table entry uses after a build. */
    public enum Unused {
        /** Released (and the release persisted): the inputs are complete. */
        RELEASE,
        /** Kept: the inputs may still be missing config or routes that will come back. */
        KEEP
    }

    public OperTables build(ConfigImage image, Collection<Port> ports, Collection<RemotePath> learned,
                            List<TunnelEncapsulation> encapsulations) {
        return build(image, ports, learned, encapsulations, Unused.RELEASE);
    }

    public OperTables build(ConfigImage image, Collection<Port> ports, Collection<RemotePath> learned,
                            List<TunnelEncapsulation> encapsulations, Unused unused) {
        long before = allocations.changeCount();
        TreeMap<String, Vrf> vrfs = new TreeMap<>();
        TreeMap<UUID, VmInterface> interfaces = new TreeMap<>();
        TreeMap<Integer, NextHopEntry> nextHops = new TreeMap<>();
        TreeMap<VrfRoute.Key, VrfRoute> routes = new TreeMap<>();
        TreeMap<Integer, MplsLabelEntry> labels = new TreeMap<>();
        TreeMap<String, CompiledAcl> acls = new TreeMap<>();
        nextHops.put(Allocations.DISCARD_NEXT_HOP, NextHopEntry.discard());
        nextHops.put(Allocations.RECEIVE_NEXT_HOP, NextHopEntry.receive());
        Set<String> heldNextHops = new HashSet<>();
        Set<String> heldLabels = new HashSet<>();
        List<VrfRoute> serviceRoutes = new ArrayList<>();
        Set<String> heldAcls = new HashSet<>();
        Set<String> heldInterfaces = new HashSet<>();

        Map<UUID, Optional<PortConfig>> configs = new HashMap<>();
        ports.forEach(port -> configs.put(port.id(), portConfigs.resolve(image, port)));
        portConfigs.retain(configs.keySet());
        Set<UUID> placed = placedPorts(ports, configs);
        for (Port port : ports) {
            if (!placed.contains(port.id())) {
                continue;
            }
            Optional<PortConfig> config = configs.get(port.id());
            int index = allocations.interfaces().allocate(port.id().toString());
            heldInterfaces.add(port.id().toString());
            if (config.isEmpty()) {
                interfaces.put(port.id(), inactive(port, index));
                continue;
            }
            PortConfig c = config.get();
            Vrf vrf = vrfs.computeIfAbsent(c.routingInstance(), n -> new Vrf(n, allocations.vrfs().allocate(n)));
            String nhKey = NextHopEntry.interfaceKey(port.id());
            int nh = allocations.nextHops().allocate(nhKey);
            int label = allocations.labels().allocate(port.id().toString());
            heldNextHops.add(nhKey);
            heldLabels.add(port.id().toString());
            nextHops.put(nh, NextHopEntry.toInterface(nh, port.id()));
            labels.put(label, new MplsLabelEntry(label, nh));
            put(routes, new VrfRoute(vrf.index(), host(c.address()), nh, label, c.virtualNetwork(),
                    c.securityGroupIds(), VrfRoute.Origin.LOCAL_INTERFACE));
            serviceRoutes.add(new VrfRoute(vrf.index(), host(c.gateway()), Allocations.RECEIVE_NEXT_HOP, 0,
                    c.virtualNetwork(), List.of(), VrfRoute.Origin.GATEWAY));
            c.dnsServer().ifPresent(d -> serviceRoutes.add(new VrfRoute(vrf.index(), host(d),
                    Allocations.RECEIVE_NEXT_HOP, 0, c.virtualNetwork(), List.of(), VrfRoute.Origin.GATEWAY)));
            List<String> aclNames = new ArrayList<>(c.ingressAcls());
            aclNames.addAll(c.egressAcls());
            c.networkAcl().ifPresent(aclNames::add);
            for (String aclName : aclNames) {
                image.node(new ConfigNodeKey("access-control-list", aclName)).ifPresent(n -> {
                    heldAcls.add(aclName);
                    acls.put(aclName, AclCompiler.compile(aclName, allocations.acls().allocate(aclName), n).acl());
                });
            }
            DhcpBinding dhcp = new DhcpBinding(port.mac(), c.address(), c.subnet(), c.gateway(),
                    c.dnsServer().stream().toList(), c.hostRoutes(), DhcpBinding.INFINITE_LEASE, Optional.empty());
            interfaces.put(port.id(), new VmInterface(port.id(), index, port.systemName(), port.netns(),
                    port.workloadInterfaceName(), port.mac(), Optional.of(c.address()), Optional.of(vrf.index()),
                    Optional.of(label), Optional.of(nh), c.virtualNetwork(), c.securityGroupIds(),
                    c.networkAcl().filter(acls::containsKey), c.ingressAcls().stream().filter(acls::containsKey).toList(),
                    c.egressAcls().stream().filter(acls::containsKey).toList(), Optional.of(dhcp), Optional.of(c.vmi()),
                    c.versions()));
        }
        // A VM's own address wins over a service address that happens to be the same.
        serviceRoutes.forEach(r -> put(routes, r));
        for (RemotePath path : learned) {
            Vrf vrf = vrfs.get(path.instance());
            if (vrf == null || path.nextHopAddress().equals(fabricAddress)
                    || routes.containsKey(new VrfRoute.Key(vrf.index(), path.prefix()))) {
                continue;
            }
            Optional<TunnelEncapsulation> encap = encapsulations.stream()
                    .filter(e -> e != TunnelEncapsulation.VXLAN && path.encapsulations().contains(e)).findFirst();
            if (encap.isEmpty() || path.label() == 0) {
                continue;
            }
            String key = NextHopEntry.tunnelKey(path.nextHopAddress(), encap.get(), path.label());
            int nh = allocations.nextHops().allocate(key);
            heldNextHops.add(key);
            nextHops.put(nh, NextHopEntry.tunnel(nh, path.nextHopAddress(), encap.get(), path.label()));
            put(routes, new VrfRoute(vrf.index(), path.prefix(), nh, path.label(), path.virtualNetwork(),
                    path.securityGroupIds(), VrfRoute.Origin.REMOTE));
        }
        if (unused == Unused.RELEASE) {
            allocations.vrfs().releaseAllExcept(vrfs.keySet());
            allocations.labels().releaseAllExcept(heldLabels);
            allocations.nextHops().releaseAllExcept(heldNextHops);
            allocations.interfaces().releaseAllExcept(heldInterfaces);
            allocations.acls().releaseAllExcept(heldAcls);
        }
        if (allocations.changeCount() != before) {
            allocations.save();
        }
        return new OperTables(vrfs, interfaces, nextHops, routes, labels, acls);
    }

    /** The port configs resolved afresh and those reused, since this builder was made. */
    public PortConfigCounts portConfigCounts() {
        return new PortConfigCounts(portConfigs.resolved(), portConfigs.reused());
    }

    public record PortConfigCounts(long resolved, long reused) {
    }

    /**
     * The ports that get their workload place (namespace and interface name), given in the order they were plugged:
     * per place the port plugged last among those with config, else the port plugged last. The others are left out
     * of the tables, so that a port whose VM is gone (plugged before a restart, never unplugged, its config deleted)
     * does not take the place of the port of a VM created since in the same namespace.
     */
    static Set<UUID> placedPorts(Collection<Port> ports, Map<UUID, Optional<PortConfig>> configs) {
        Map<String, Port> winners = new HashMap<>();
        for (Port port : ports) {
            winners.merge(place(port), port, (earlier, later) ->
                    configs.get(earlier.id()).isPresent() && configs.get(later.id()).isEmpty() ? earlier : later);
        }
        Set<UUID> placed = new HashSet<>();
        winners.values().forEach(p -> placed.add(p.id()));
        return placed;
    }

    private static String place(Port port) {
        return port.netns().orElse("") + "/" + port.workloadInterfaceName();
    }

    private static VmInterface inactive(Port port, int index) {
        return new VmInterface(port.id(), index, port.systemName(), port.netns(), port.workloadInterfaceName(),
                port.mac(), port.ipv4(), Optional.empty(), Optional.empty(), Optional.empty(), "", List.of(),
                Optional.empty(), List.of(), List.of(), Optional.empty(), Optional.empty(), List.of());
    }

    private static void put(TreeMap<VrfRoute.Key, VrfRoute> routes, VrfRoute route) {
        routes.putIfAbsent(route.key(), route);
    }

    private static RoutePrefix host(io.filament.contracts.net.IpAddress address) {
        IpPrefix p = IpPrefix.host(address);
        return new RoutePrefix(p.network().toBytes(), p.length());
    }
}
