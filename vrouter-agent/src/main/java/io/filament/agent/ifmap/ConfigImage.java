package io.filament.agent.ifmap;

import io.filament.agent.xmpp.wire.ConfigItem;
import io.filament.agent.xmpp.wire.ConfigNodeKey;
import io.filament.agent.xmpp.wire.XmlNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The config this agent was sent, as TF's agent holds it: nodes with their properties and undirected links,
 * both possibly naming nodes not received yet.
 *
 * <p>Stale handling as TF's {@code config_cleanup_timer}: {@link #beginResync()} opens a new generation when
 * a (new) config peer starts sending; everything it re-sends is refreshed, and {@link #sweepStale()} removes
 * what was not. Until the sweep, the agent keeps running on the old config (headless operation). Not
 * thread-safe: owned by the agent's controller thread.
 */
public final class ConfigImage {

    private record Versioned<T>(T value, long generation) {
    }

    private final Map<ConfigNodeKey, Versioned<XmlNode>> nodes = new HashMap<>();
    private final Map<ConfigItem.Link, Long> links = new HashMap<>();
    private final Map<ConfigNodeKey, Set<ConfigItem.Link>> adjacency = new HashMap<>();
    private long generation;
    private long changes;

    /** Applies one item; returns whether the image changed (a refresh with equal content does not). */
    public boolean apply(ConfigItem item) {
        boolean changed = switch (item) {
            case ConfigItem.NodeUpdate u -> {
                Versioned<XmlNode> old = nodes.put(u.key(), new Versioned<>(u.properties(), generation));
                yield old == null || !old.value().equals(u.properties());
            }
            case ConfigItem.NodeDelete d -> nodes.remove(d.key()) != null;
            case ConfigItem.LinkUpdate u -> {
                Long old = links.put(u.link(), generation);
                index(u.link());
                yield old == null;
            }
            case ConfigItem.LinkDelete d -> unlink(d.link());
        };
        if (changed) {
            changes++;
        }
        return changed;
    }

    public void beginResync() {
        generation++;
    }

    /** Removes nodes and links not refreshed since {@link #beginResync()}; returns how many went. */
    public int sweepStale() {
        List<ConfigNodeKey> staleNodes = nodes.entrySet().stream().filter(e -> e.getValue().generation() < generation)
                .map(Map.Entry::getKey).toList();
        List<ConfigItem.Link> staleLinks = links.entrySet().stream().filter(e -> e.getValue() < generation)
                .map(Map.Entry::getKey).toList();
        staleNodes.forEach(nodes::remove);
        staleLinks.forEach(this::unlink);
        int removed = staleNodes.size() + staleLinks.size();
        if (removed > 0) {
            changes++;
        }
        return removed;
    }

    /** Grows by one on every effective change; lets readers skip a rebuild when nothing changed. */
    public long changeCount() {
        return changes;
    }

    public Optional<XmlNode> node(ConfigNodeKey key) {
        return Optional.ofNullable(nodes.get(key)).map(Versioned::value);
    }

    public List<ConfigNodeKey> nodesOfType(String type) {
        return nodes.keySet().stream().filter(k -> k.type().equals(type)).sorted().toList();
    }

    /**
     * Nodes of {@code targetType} linked to {@code from} by {@code metadata}, looking through a link-attribute
     * midnode ({@code attr(…)} node of the link's type) when the reference carries an attribute.
     */
    public List<Linked> neighbours(ConfigNodeKey from, String metadata, String targetType) {
        List<Linked> out = new ArrayList<>();
        for (ConfigItem.Link link : adjacency.getOrDefault(from, Set.of())) {
            if (!link.metadata().equals(metadata)) {
                continue;
            }
            ConfigNodeKey next = link.other(from);
            if (next.type().equals(targetType)) {
                out.add(new Linked(next, Optional.empty()));
            } else if (next.type().equals(metadata)) {
                Optional<XmlNode> attribute = node(next).flatMap(n -> n.child("value"));
                for (ConfigItem.Link second : adjacency.getOrDefault(next, Set.of())) {
                    ConfigNodeKey target = second.other(next);
                    if (second.metadata().equals(metadata) && !target.equals(from) && target.type().equals(targetType)) {
                        out.add(new Linked(target, attribute));
                    }
                }
            }
        }
        out.sort((a, b) -> a.key().compareTo(b.key()));
        return out;
    }

    public int nodeCount() {
        return nodes.size();
    }

    public int linkCount() {
        return links.size();
    }

    private void index(ConfigItem.Link link) {
        adjacency.computeIfAbsent(link.left(), k -> new HashSet<>()).add(link);
        adjacency.computeIfAbsent(link.right(), k -> new HashSet<>()).add(link);
    }

    private boolean unlink(ConfigItem.Link link) {
        boolean had = links.remove(link) != null;
        for (ConfigNodeKey end : List.of(link.left(), link.right())) {
            Set<ConfigItem.Link> s = adjacency.get(end);
            if (s != null) {
                s.remove(link);
                if (s.isEmpty()) {
                    adjacency.remove(end);
                }
            }
        }
        return had;
    }

    /** A neighbour and, when the link went through a midnode, the link's attribute ({@code <value>}). */
    public record Linked(ConfigNodeKey key, Optional<XmlNode> attribute) {
    }
}
