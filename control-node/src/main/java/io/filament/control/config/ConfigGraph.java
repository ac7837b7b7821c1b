package io.filament.control.config;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The config as a graph, the way TF's IF-MAP database holds it: objects are nodes, parent relations and
 * references are links named by metadata type, and a reference that carries an attribute becomes a midnode
 * {@code attr(<target>,<source>)} of the link's type holding the attribute as {@code value}.
 *
 * <p>Every object remembers the links and midnodes it contributed, so replacing or removing it undoes exactly
 * those. Links may name nodes that are not (yet) present; walks skip them. Not thread-safe: owned by the
 * config thread.
 */
public final class ConfigGraph {

    /** TF link names that do not follow the {@code <from>-<to>} pattern. */
    private static final Map<String, String> IRREGULAR_LINKS = Map.of(
            "routing-instance>route-target", "instance-target",
            "routing-instance>routing-instance", "connection");

    private final Map<NodeKey, SortedMap<String, JsonNode>> nodes = new HashMap<>();
    private final Map<NodeKey, Set<ConfigLink>> adjacency = new HashMap<>();
    private final Map<NodeKey, Contribution> contributions = new HashMap<>();
    private final Map<String, NodeKey> byUuid = new HashMap<>();

    private record Contribution(Set<NodeKey> midnodes, Set<ConfigLink> links) {
    }

    public static String linkName(String fromType, String toType) {
        return IRREGULAR_LINKS.getOrDefault(fromType + ">" + toType, fromType + "-" + toType);
    }

    /**
     * The property under which a node carries its config object's version (from {@code filament.config.v1}); the
     * encoder writes it as the node's {@code version} attribute, which agents report back as realised. TF field
     * names never start with '@'.
     */
    public static final String VERSION_PROPERTY = "@version";

    private static SortedMap<String, JsonNode> versioned(ConfigObject object) {
        if (object.version() <= 0) {
            return object.properties();
        }
        SortedMap<String, JsonNode> properties = new TreeMap<>(object.properties());
        properties.put(VERSION_PROPERTY, JsonNodeFactory.instance.numberNode(object.version()));
        return properties;
    }

    public void put(ConfigObject object) {
        NodeKey key = object.key();
        NodeKey previous = object.uuid().isEmpty() ? null : byUuid.get(object.uuid());
        if (previous != null && !previous.equals(key)) {
            remove(previous);
        }
        remove(key);
        if (!object.uuid().isEmpty()) {
            byUuid.put(object.uuid(), key);
        }
        nodes.put(key, versioned(object));
        Contribution c = new Contribution(new HashSet<>(), new HashSet<>());
        object.parent().ifPresent(p -> link(c, new ConfigLink(linkName(p.type(), key.type()), p, key)));
        for (ConfigRef ref : object.refs()) {
            NodeKey target = NodeKey.of(ref.toType(), ref.to());
            String metadata = linkName(key.type(), ref.toType());
            if (ref.attr().isPresent()) {
                NodeKey mid = new NodeKey(metadata, "attr(" + target.name() + "," + key.name() + ")");
                nodes.put(mid, new TreeMap<>(Map.of("value", ref.attr().get())));
                c.midnodes.add(mid);
                link(c, new ConfigLink(metadata, key, mid));
                link(c, new ConfigLink(metadata, mid, target));
            } else {
                link(c, new ConfigLink(metadata, key, target));
            }
        }
        contributions.put(key, c);
    }

    /** Removes the object a {@code filament.config.v1} tombstone names; unknown uuids change nothing. */
    public void removeByUuid(String uuid) {
        NodeKey key = byUuid.remove(uuid);
        if (key != null) {
            remove(key);
        }
    }

    public void remove(NodeKey key) {
        Contribution c = contributions.remove(key);
        if (c != null) {
            c.links.forEach(this::unlink);
            c.midnodes.forEach(nodes::remove);
        }
        nodes.remove(key);
    }

    /**
     * Records an agent's {@code virtual-machine:<uuid>} subscription as TF does: a
     * {@code virtual-router-virtual-machine} link from its vRouter, for VMs the config does not bind to it.
     */
    public void subscribeVirtualMachine(NodeKey virtualRouter, String vmUuid) {
        NodeKey owner = subscriptionKey(virtualRouter, vmUuid);
        unsubscribeVirtualMachine(virtualRouter, vmUuid);
        Contribution c = new Contribution(new HashSet<>(), new HashSet<>());
        link(c, new ConfigLink("virtual-router-virtual-machine", virtualRouter, new NodeKey("virtual-machine", vmUuid)));
        contributions.put(owner, c);
    }

    public void unsubscribeVirtualMachine(NodeKey virtualRouter, String vmUuid) {
        Contribution c = contributions.remove(subscriptionKey(virtualRouter, vmUuid));
        if (c != null) {
            c.links.forEach(this::unlink);
        }
    }

    private static NodeKey subscriptionKey(NodeKey virtualRouter, String vmUuid) {
        return new NodeKey("#vm-subscription", virtualRouter.name() + "|" + vmUuid);
    }

    public Optional<SortedMap<String, JsonNode>> properties(NodeKey key) {
        return Optional.ofNullable(nodes.get(key));
    }

    public boolean contains(NodeKey key) {
        return nodes.containsKey(key);
    }

    public Set<ConfigLink> links(NodeKey key) {
        return adjacency.getOrDefault(key, Set.of());
    }

    public java.util.List<NodeKey> nodesOfType(String type) {
        return nodes.keySet().stream().filter(k -> k.type().equals(type)).sorted().toList();
    }

    public int size() {
        return nodes.size();
    }

    private void link(Contribution c, ConfigLink link) {
        c.links.add(link);
        adjacency.computeIfAbsent(link.left(), k -> new HashSet<>()).add(link);
        adjacency.computeIfAbsent(link.right(), k -> new HashSet<>()).add(link);
    }

    private void unlink(ConfigLink link) {
        for (NodeKey end : new NodeKey[] {link.left(), link.right()}) {
            Set<ConfigLink> s = adjacency.get(end);
            if (s != null) {
                s.remove(link);
                if (s.isEmpty()) {
                    adjacency.remove(end);
                }
            }
        }
    }
}
