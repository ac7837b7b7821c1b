package io.filament.agent.xmpp.peer;

import io.filament.agent.oper.OperTables;
import io.filament.agent.oper.VrfRoute;
import io.filament.agent.port.Port;
import io.filament.contracts.xmpp.ConfigNodeName;
import io.filament.contracts.xmpp.NextHop;
import io.filament.contracts.xmpp.RouteEntry;
import io.filament.contracts.xmpp.RouteItemNode;
import io.filament.contracts.xmpp.TunnelEncapsulation;
import io.filament.contracts.xmpp.XmppFamily;

import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything the agent owes a control node: config subscriptions (its virtual-router and, for ports plugged
 * through the port API, each VM), routing-instance subscriptions with the local VRF index as instance-id, and an
 * inet route for every local address, next hop = this host's fabric address.
 *
 * @param configNodes config nodes subscribed on {@code /config}
 * @param instances   routing instance → instance-id
 * @param routes      item node → (instance, entry)
 */
public record Advertisement(SortedSet<String> configNodes, SortedMap<String, Integer> instances,
                            SortedMap<String, Published> routes) {

    public static final Advertisement NOTHING = new Advertisement(new TreeSet<>(), new TreeMap<>(), new TreeMap<>());

    public record Published(String instance, RouteItemNode node, RouteEntry entry) {
    }

    public static Advertisement of(String hostName, String fabricAddress, Collection<Port> ports, OperTables tables,
                                   List<TunnelEncapsulation> encapsulations) {
        TreeSet<String> config = new TreeSet<>();
        config.add(ConfigNodeName.virtualRouter(hostName).toString());
        ports.forEach(p -> config.add(new ConfigNodeName("virtual-machine", p.instanceId().toString()).toString()));
        TreeMap<String, Integer> instances = new TreeMap<>();
        tables.vrfs().values().forEach(v -> instances.put(v.name(), v.index()));
        TreeMap<String, Published> routes = new TreeMap<>();
        for (VrfRoute r : tables.localRoutes()) {
            String instance = tables.vrfName(r.vrfIndex());
            RouteEntry entry = new RouteEntry(XmppFamily.INET, r.prefix(),
                    List.of(new NextHop(fabricAddress, r.label(), encapsulations, r.originNetwork(), List.of())),
                    1, r.originNetwork(), r.securityGroupIds(), List.of(), RouteEntry.DEFAULT_LOCAL_PREFERENCE, 0, 0,
                    "interface");
            RouteItemNode node = RouteItemNode.of(XmppFamily.INET, instance, r.prefix());
            routes.put(node.toString(), new Published(instance, node, entry));
        }
        return new Advertisement(config, instances, routes);
    }

    public Advertisement {
        configNodes = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(configNodes));
        instances = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(instances));
        routes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(routes));
    }
}
