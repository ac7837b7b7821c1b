package io.filament.control.config;

import tools.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes the config subgraph a vRouter is owed, as TF's {@code IFMapGraphWalker}: a breadth-first walk from
 * the {@code virtual-router} node that, from each node type, follows only the whitelisted link types. The
 * whitelist is directional: a VMI leads to its network, but a network does not lead to every VMI in it.
 */
public final class GraphWalker {

    /** Node type → link metadata types followed from it. A midnode follows the links of its own type. */
    static final Map<String, Set<String>> FOLLOW = Map.of(
            "virtual-router", Set.of("virtual-router-virtual-machine", "global-system-config-virtual-router",
                    "virtual-router-network-ipam"),
            "global-system-config", Set.of("global-system-config-global-vrouter-config"),
            "virtual-machine", Set.of("virtual-machine-interface-virtual-machine",
                    "virtual-machine-virtual-machine-interface"),
            "virtual-machine-interface", Set.of("virtual-machine-interface-virtual-network",
                    "instance-ip-virtual-machine-interface", "virtual-machine-interface-security-group",
                    "virtual-machine-interface-routing-instance", "virtual-machine-interface-virtual-machine",
                    "floating-ip-virtual-machine-interface"),
            "instance-ip", Set.of("instance-ip-virtual-network"),
            "virtual-network", Set.of("virtual-network-network-ipam", "virtual-network-access-control-list",
                    "virtual-network-routing-instance"),
            "security-group", Set.of("security-group-access-control-list"),
            "floating-ip", Set.of("floating-ip-virtual-machine-interface"));

    private GraphWalker() {
    }

    public static ConfigSubgraph walk(ConfigGraph graph, NodeKey root) {
        if (!graph.contains(root)) {
            return ConfigSubgraph.EMPTY;
        }
        SortedMap<NodeKey, SortedMap<String, JsonNode>> nodes = new TreeMap<>();
        TreeSet<ConfigLink> links = new TreeSet<>();
        ArrayDeque<NodeKey> queue = new ArrayDeque<>();
        nodes.put(root, graph.properties(root).orElseThrow());
        queue.add(root);
        while (!queue.isEmpty()) {
            NodeKey at = queue.poll();
            Set<String> follow = FOLLOW.getOrDefault(at.type(),
                    at.name().startsWith("attr(") ? Set.of(at.type()) : Set.of());
            for (ConfigLink link : graph.links(at)) {
                NodeKey next = link.other(at);
                if (!follow.contains(link.metadata()) || !graph.contains(next)) {
                    continue;
                }
                links.add(link);
                if (!nodes.containsKey(next)) {
                    nodes.put(next, graph.properties(next).orElseThrow());
                    queue.add(next);
                }
            }
        }
        return new ConfigSubgraph(nodes, links);
    }
}
