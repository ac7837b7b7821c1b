package io.filament.agent.dataplane;

import io.filament.agent.dataplane.wire.DataplaneReply;
import io.filament.agent.dataplane.wire.DataplaneRequest;
import io.filament.agent.oper.Allocations;
import io.filament.agent.oper.CompiledAcl;
import io.filament.agent.oper.NextHopEntry;
import io.filament.agent.oper.OperTables;
import io.filament.agent.oper.VmInterface;
import io.filament.agent.oper.VrfRoute;
import io.filament.contracts.net.IpAddress;
import io.filament.contracts.xmpp.RoutePrefix;
import io.filament.contracts.xmpp.TunnelEncapsulation;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The oper tables in the dataplane's terms: numbered VRFs, interfaces with their TAP placement, next hops,
 * routes, labels and ACLs whose rules are prefixes. An interface without config is programmed too, in the
 * {@link Allocations#UNBOUND_VRF} with no routes and its DHCP trapped, so that its TAP exists from the moment the port
 * is plugged (as a VM's does in TF, where Nova creates it) and only changes VRF when the config arrives. ACL address
 * matches by network or security group become the host prefixes of the routes that carry that network or group; an
 * empty expansion matches nothing and is left out.
 */
public record DataplaneState(SortedSet<Integer> vrfs, SortedMap<Integer, DataplaneRequest.AddInterface> interfaces,
                             SortedMap<Integer, DataplaneRequest.NextHop> nextHops,
                             SortedMap<RouteKey, DataplaneRequest.AddRoute> routes, SortedMap<Integer, Integer> labels,
                             SortedMap<Integer, DataplaneRequest.AddAcl> acls) {

    public static final int MTU = 1500;
    /** Bound on the prefix rules one compiled ACL may expand to. */
    public static final int MAX_RULES_PER_ACL = 4096;

    public static final DataplaneState EMPTY = new DataplaneState(new TreeSet<>(), new TreeMap<>(), new TreeMap<>(),
            new TreeMap<>(), new TreeMap<>(), new TreeMap<>());

    public DataplaneState {
        vrfs = Collections.unmodifiableSortedSet(new TreeSet<>(vrfs));
        interfaces = Collections.unmodifiableSortedMap(new TreeMap<>(interfaces));
        nextHops = Collections.unmodifiableSortedMap(new TreeMap<>(nextHops));
        routes = Collections.unmodifiableSortedMap(new TreeMap<>(routes));
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        acls = Collections.unmodifiableSortedMap(new TreeMap<>(acls));
    }

    public record RouteKey(int vrf, int family, long high, long low, int length) implements Comparable<RouteKey> {
        static RouteKey of(DataplaneRequest.AddRoute r) {
            return new RouteKey(r.vrf(), r.family(), r.high(), r.low(), r.length());
        }

        @Override
        public int compareTo(RouteKey o) {
            int c = Integer.compare(vrf, o.vrf);
            if (c == 0) {
                c = Integer.compare(family, o.family);
            }
            if (c == 0) {
                c = Long.compareUnsigned(high, o.high);
            }
            if (c == 0) {
                c = Long.compareUnsigned(low, o.low);
            }
            return c != 0 ? c : Integer.compare(length, o.length);
        }
    }

    /**
     * The state a dump of the dataplane describes. VNIs are left out: the agent does not program them, so it
     * neither compares nor removes them.
     */
    public static DataplaneState of(DataplaneReply.Dump dump) {
        TreeMap<Integer, DataplaneRequest.AddInterface> interfaces = new TreeMap<>();
        dump.interfaces().forEach(i -> interfaces.put(i.vif().index(), i));
        TreeMap<Integer, DataplaneRequest.NextHop> nextHops = new TreeMap<>();
        dump.nextHops().forEach(nh -> nextHops.put(nh.id(), nh));
        TreeMap<RouteKey, DataplaneRequest.AddRoute> routes = new TreeMap<>();
        dump.routes().forEach(r -> routes.put(RouteKey.of(r), r));
        TreeMap<Integer, Integer> labels = new TreeMap<>();
        dump.labels().forEach(l -> labels.put(l.label(), l.nextHop()));
        TreeMap<Integer, DataplaneRequest.AddAcl> acls = new TreeMap<>();
        dump.acls().forEach(a -> acls.put(a.id(), a));
        return new DataplaneState(new TreeSet<>(dump.vrfs()), interfaces, nextHops, routes, labels, acls);
    }

    /**
     * This state plus every entry of {@code target} whose key it lacks, a VRF only when a resulting interface or
     * route is in it; nothing of this state is changed or removed. What may be programmed while the agent's tables
     * are still incomplete after a start.
     */
    public DataplaneState plusMissing(DataplaneState target) {
        SortedMap<Integer, DataplaneRequest.AddInterface> i = plusMissing(interfaces, target.interfaces);
        SortedMap<RouteKey, DataplaneRequest.AddRoute> r = plusMissing(routes, target.routes);
        // A VRF of the target comes only with something that goes into it: a restored port whose config is not
        // re-learned yet keeps the interface the dataplane has, and the unbound VRF it would be in is not added.
        TreeSet<Integer> used = new TreeSet<>();
        i.values().forEach(a -> used.add(a.vif().vrf()));
        r.values().forEach(a -> used.add(a.vrf()));
        TreeSet<Integer> v = new TreeSet<>(vrfs);
        target.vrfs.stream().filter(used::contains).forEach(v::add);
        return new DataplaneState(v, i, plusMissing(nextHops, target.nextHops), r, plusMissing(labels, target.labels),
                plusMissing(acls, target.acls));
    }

    private static <K, V> SortedMap<K, V> plusMissing(SortedMap<K, V> mine, SortedMap<K, V> theirs) {
        TreeMap<K, V> out = new TreeMap<>(mine);
        theirs.forEach(out::putIfAbsent);
        return out;
    }

    /**
     * This state with the given requests applied in order, as the dataplane applies them: what it holds after
     * accepting exactly those. Requests that change no table (reads, packet-out) are ignored.
     */
    public DataplaneState after(List<DataplaneRequest> applied) {
        TreeSet<Integer> v = new TreeSet<>(vrfs);
        TreeMap<Integer, DataplaneRequest.AddInterface> i = new TreeMap<>(interfaces);
        TreeMap<Integer, DataplaneRequest.NextHop> n = new TreeMap<>(nextHops);
        TreeMap<RouteKey, DataplaneRequest.AddRoute> r = new TreeMap<>(routes);
        TreeMap<Integer, Integer> l = new TreeMap<>(labels);
        TreeMap<Integer, DataplaneRequest.AddAcl> a = new TreeMap<>(acls);
        for (DataplaneRequest request : applied) {
            switch (request) {
                case DataplaneRequest.AddVrf add -> v.add(add.vrf());
                case DataplaneRequest.DeleteVrf delete -> v.remove(delete.vrf());
                case DataplaneRequest.AddInterface add -> i.put(add.vif().index(), add);
                case DataplaneRequest.DeleteInterface delete -> i.remove(delete.index());
                case DataplaneRequest.AddNextHop add -> n.put(add.nextHop().id(), add.nextHop());
                case DataplaneRequest.DeleteNextHop delete -> n.remove(delete.id());
                case DataplaneRequest.AddRoute add -> r.put(RouteKey.of(add), add);
                case DataplaneRequest.DeleteRoute delete -> r.remove(new RouteKey(delete.vrf(), delete.family(),
                        delete.high(), delete.low(), delete.length()));
                case DataplaneRequest.AddLabel add -> l.put(add.label(), add.nextHop());
                case DataplaneRequest.DeleteLabel delete -> l.remove(delete.label());
                case DataplaneRequest.AddAcl add -> a.put(add.id(), add);
                case DataplaneRequest.DeleteAcl delete -> a.remove(delete.id());
                default -> {
                }
            }
        }
        return new DataplaneState(v, i, n, r, l, a);
    }

    /** How many entries of all kinds the state holds. */
    public int size() {
        return vrfs.size() + interfaces.size() + nextHops.size() + routes.size() + labels.size() + acls.size();
    }

    public static DataplaneState of(OperTables t) {
        TreeSet<Integer> vrfs = new TreeSet<>();
        t.vrfs().values().forEach(v -> vrfs.add(v.index()));
        TreeMap<Integer, DataplaneRequest.AddAcl> acls = new TreeMap<>();
        for (CompiledAcl acl : t.acls().values()) {
            acls.put(acl.id(), new DataplaneRequest.AddAcl(acl.id(), rules(acl, t)));
        }
        TreeMap<Integer, DataplaneRequest.AddInterface> interfaces = new TreeMap<>();
        for (VmInterface i : t.interfaces().values()) {
            if (!i.active()) {
                vrfs.add(Allocations.UNBOUND_VRF);
                interfaces.put(i.index(), unbound(i));
                continue;
            }
            int networkAcl = i.networkAcl().map(n -> t.acls().get(n).id()).orElse(0);
            DataplaneRequest.Interface vif = new DataplaneRequest.Interface(i.index(), i.tapName(), i.mac().value(),
                    (int) i.address().map(IpAddress::ipv4Value).orElse(0L).longValue(), i.vrfIndex().orElseThrow(),
                    DataplaneRequest.Interface.FLAG_POLICY | DataplaneRequest.Interface.FLAG_DHCP_TRAP, MTU, 0,
                    networkAcl, i.ingressAcls().stream().map(n -> t.acls().get(n).id()).toList(),
                    i.egressAcls().stream().map(n -> t.acls().get(n).id()).toList());
            interfaces.put(i.index(), new DataplaneRequest.AddInterface(vif, i.netns().orElse(""),
                    i.netns().isPresent() ? i.ifname() : ""));
        }
        TreeMap<Integer, DataplaneRequest.NextHop> nextHops = new TreeMap<>();
        for (NextHopEntry nh : t.nextHops().values()) {
            switch (nh.kind()) {
                case DISCARD -> {
                    // The dataplane's next hop 0 is its own built-in discard.
                }
                case RECEIVE -> nextHops.put(nh.id(), new DataplaneRequest.NextHop.Receive(nh.id()));
                case INTERFACE -> {
                    VmInterface i = t.interfaces().get(nh.interfaceId().orElseThrow());
                    nextHops.put(nh.id(), new DataplaneRequest.NextHop.ToInterface(nh.id(), i.index()));
                }
                case TUNNEL -> nextHops.put(nh.id(), new DataplaneRequest.NextHop.Tunnel(nh.id(),
                        nh.encapsulation().filter(e -> e == TunnelEncapsulation.VXLAN).isPresent()
                                ? DataplaneRequest.NextHop.Tunnel.VXLAN : DataplaneRequest.NextHop.Tunnel.MPLS_OVER_UDP,
                        (int) IpAddress.parse(nh.tunnelDestination().orElseThrow()).ipv4Value(), (int) nh.label(), 0));
            }
        }
        TreeMap<RouteKey, DataplaneRequest.AddRoute> routes = new TreeMap<>();
        for (VrfRoute r : t.routes().values()) {
            if (!r.prefix().isIpv4()) {
                continue;
            }
            long high = high(r.prefix());
            DataplaneRequest.AddRoute add = new DataplaneRequest.AddRoute(r.vrfIndex(), 4, high, 0, r.prefix().length(),
                    r.nextHopId());
            routes.put(RouteKey.of(add), add);
        }
        TreeMap<Integer, Integer> labels = new TreeMap<>();
        t.labels().values().forEach(l -> labels.put(l.label(), l.nextHopId()));
        return new DataplaneState(vrfs, interfaces, nextHops, routes, labels, acls);
    }

    private static DataplaneRequest.AddInterface unbound(VmInterface i) {
        DataplaneRequest.Interface vif = new DataplaneRequest.Interface(i.index(), i.tapName(), i.mac().value(), 0,
                Allocations.UNBOUND_VRF, DataplaneRequest.Interface.FLAG_DHCP_TRAP, MTU, 0, 0, List.of(), List.of());
        return new DataplaneRequest.AddInterface(vif, i.netns().orElse(""), i.netns().isPresent() ? i.ifname() : "");
    }

    static long high(RoutePrefix p) {
        return (ByteBuffer.wrap(p.address()).getInt() & 0xFFFF_FFFFL) << 32;
    }

    private static List<DataplaneRequest.AclRule> rules(CompiledAcl acl, OperTables t) {
        Set<Long> ownGroups = new TreeSet<>();
        t.interfaces().values().stream().filter(i -> i.ingressAcls().contains(acl.name()) || i.egressAcls().contains(acl.name()))
                .forEach(i -> ownGroups.addAll(i.securityGroupIds()));
        List<DataplaneRequest.AclRule> out = new ArrayList<>();
        for (CompiledAcl.Rule r : acl.rules()) {
            int action = r.action() == CompiledAcl.Action.PASS ? DataplaneRequest.AclRule.PASS : DataplaneRequest.AclRule.DENY;
            for (RoutePrefix src : expand(r.source(), t, ownGroups)) {
                for (RoutePrefix dst : expand(r.destination(), t, ownGroups)) {
                    if (out.size() == MAX_RULES_PER_ACL) {
                        throw new IllegalStateException("ACL " + acl.name() + " expands to more than "
                                + MAX_RULES_PER_ACL + " prefix rules");
                    }
                    boolean any = src.length() == 0 && dst.length() == 0;
                    out.add(new DataplaneRequest.AclRule(action, any ? 0 : 4, r.protocol(), high(src), 0, src.length(),
                            high(dst), 0, dst.length(), r.sourcePorts().first(), r.sourcePorts().last(),
                            r.destinationPorts().first(), r.destinationPorts().last()));
                }
            }
        }
        return out;
    }

    private static final RoutePrefix ANY = RoutePrefix.parse("0.0.0.0/0");

    private static List<RoutePrefix> expand(CompiledAcl.AddressMatch match, OperTables t, Set<Long> ownGroups) {
        return switch (match) {
            case CompiledAcl.AddressMatch.Any a -> List.of(ANY);
            case CompiledAcl.AddressMatch.Subnet s -> s.prefix().network().isIpv4()
                    ? List.of(RoutePrefix.parse(s.prefix().toString())) : List.of();
            case CompiledAcl.AddressMatch.Network n -> hostRoutes(t, r -> r.originNetwork().equals(n.fqName()));
            case CompiledAcl.AddressMatch.SecurityGroup g -> hostRoutes(t, r -> r.securityGroupIds().contains(g.id()));
            case CompiledAcl.AddressMatch.LocalSecurityGroup l ->
                    hostRoutes(t, r -> r.securityGroupIds().stream().anyMatch(ownGroups::contains));
        };
    }

    private static List<RoutePrefix> hostRoutes(OperTables t, java.util.function.Predicate<VrfRoute> which) {
        return t.routes().values().stream()
                .filter(r -> r.origin() != VrfRoute.Origin.GATEWAY && r.prefix().isIpv4() && which.test(r))
                .map(VrfRoute::prefix).distinct().sorted().toList();
    }
}
