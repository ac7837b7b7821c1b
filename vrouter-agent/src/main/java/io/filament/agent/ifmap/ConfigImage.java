package io.filament.agent.ifmap;

import io.filament.agent.xmpp.wire.ConfigItem;
import io.filament.agent.xmpp.wire.ConfigNodeKey;
import io.filament.agent.xmpp.wire.XmlNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The config this agent was sent, as TF's agent holds it: nodes with their properties and undirected links,
 * both possibly naming nodes not received yet.
 *
 * <p>Stale handling as TF's {@code config_cleanup_timer}: {@link #beginResync()} opens a new generation when
 * a (new) config peer starts sending; everything it re-sends is refreshed, and {@link #sweepStale()} removes
 * what was not. Until the sweep, the agent keeps running on the old config (headless operation).
 *
 * <p>What a reader derives from the image can be kept across changes that do not concern it: {@link #record}
 * notes which nodes' properties, which nodes' links of which kind, which types and which identities a read looked
 * at, and {@link #unchangedSince} tells whether any of them changed since. Not thread-safe: owned by the agent's
 * controller thread.
 */
public final class ConfigImage {

    private record Versioned<T>(T value, long generation) {
    }

    /** What a read of {@link #neighbours} depends on: the node's links of one kind. */
    private record LinksOf(ConfigNodeKey node, String metadata) {
    }

    /** What a read of {@link #nodesOfType} depends on: every node of the type, with its properties. */
    private record OfType(String type) {
    }

    /** What a read of {@link #nodesIdentifiedBy} depends on: which nodes carry the identity. */
    private record Identity(String id) {
    }

    /** How many entries {@link #touchedAt} may hold beyond twice the image's nodes, identities and links. */
    private static final int FORGET_ABOVE = 4096;

    private final Map<ConfigNodeKey, Versioned<XmlNode>> nodes = new HashMap<>();
    private final Map<ConfigItem.Link, Long> links = new HashMap<>();
    /**
     * Each node's links by metadata: a lookup of one kind of neighbour reads only the links of that kind, so that
     * resolving a port does not walk every port linked to its network or security group.
     */
    private final Map<ConfigNodeKey, Map<String, Set<ConfigItem.Link>>> adjacency = new HashMap<>();
    /** The nodes of each type, in key order: a lookup by type reads one set instead of every node. */
    private final Map<String, NavigableSet<ConfigNodeKey>> byType = new HashMap<>();
    /** Nodes by identity: their id-perms uuid and the last segment of their name (see {@link #nodesIdentifiedBy}). */
    private final Map<String, NavigableSet<ConfigNodeKey>> byIdentity = new HashMap<>();
    /** The id-perms uuid each node was indexed under, to unindex it when it changes or goes. */
    private final Map<ConfigNodeKey, String> uuidOf = new HashMap<>();
    /**
     * For each node's properties ({@link ConfigNodeKey}), {@link LinksOf}, {@link OfType} and {@link Identity}: the
     * number of the change that last touched it (see {@link #changeCount()}).
     */
    private final Map<Object, Long> touchedAt = new HashMap<>();
    /** {@link #touchedAt} was emptied at this change: reads recorded before it count as changed. */
    private long forgottenAt;
    /** What the running {@link #record} has read; null when none runs. */
    private Set<Object> reads;
    private long generation;
    private long changes;

    /** Applies one item; returns whether the image changed (a refresh with equal content does not). */
    public boolean apply(ConfigItem item) {
        boolean changed = switch (item) {
            case ConfigItem.NodeUpdate u -> {
                Versioned<XmlNode> old = nodes.put(u.key(), new Versioned<>(u.properties(), generation));
                boolean differs = old == null || !old.value().equals(u.properties());
                if (differs) {
                    unindexNode(u.key());
                    indexNode(u.key(), u.properties());
                    touchNode(u.key());
                }
                yield differs;
            }
            case ConfigItem.NodeDelete d -> removeNode(d.key());
            case ConfigItem.LinkUpdate u -> {
                Long old = links.put(u.link(), generation);
                index(u.link());
                if (old == null) {
                    touchLinks(u.link());
                }
                yield old == null;
            }
            case ConfigItem.LinkDelete d -> unlink(d.link());
        };
        if (changed) {
            changes++;
            forgetWhenLarge();
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
        staleNodes.forEach(this::removeNode);
        staleLinks.forEach(this::unlink);
        int removed = staleNodes.size() + staleLinks.size();
        if (removed > 0) {
            changes++;
            forgetWhenLarge();
        }
        return removed;
    }

    /** Grows by one on every effective change; lets readers skip a rebuild when nothing changed. */
    public long changeCount() {
        return changes;
    }

    /**
     * Runs {@code read} against this image and notes what it looked at: its value stays what {@code read} would
     * return as long as {@link #unchangedSince} says so. Recordings do not nest.
     */
    public <T> Recorded<T> record(Supplier<T> read) {
        if (reads != null) {
            throw new IllegalStateException("a recording of reads is already running");
        }
        reads = new HashSet<>();
        try {
            T value = read.get();
            return new Recorded<>(value, Set.copyOf(reads), changes);
        } finally {
            reads = null;
        }
    }

    /** Whether nothing that {@code recorded}'s read looked at has changed since it ran. */
    public boolean unchangedSince(Recorded<?> recorded) {
        if (recorded.at() == changes) {
            return true;
        }
        if (recorded.at() < forgottenAt) {
            return false;
        }
        for (Object read : recorded.reads()) {
            if (touchedAt.getOrDefault(read, 0L) > recorded.at()) {
                return false;
            }
        }
        return true;
    }

    public Optional<XmlNode> node(ConfigNodeKey key) {
        noteRead(key);
        return Optional.ofNullable(nodes.get(key)).map(Versioned::value);
    }

    /** The nodes of {@code type}, in key order. */
    public List<ConfigNodeKey> nodesOfType(String type) {
        noteRead(new OfType(type));
        return List.copyOf(byType.getOrDefault(type, Collections.emptyNavigableSet()));
    }

    /**
     * The nodes of {@code type} that {@code id} identifies, in key order: those whose id-perms uuid is {@code id}
     * and those whose name is {@code id} or ends in {@code ":" + id} (TF names a port's VMI after its uuid when
     * the orchestrator gives no other name). A read of one index entry, however large the image.
     */
    public NavigableSet<ConfigNodeKey> nodesIdentifiedBy(String type, String id) {
        noteRead(new Identity(id));
        NavigableSet<ConfigNodeKey> out = new TreeSet<>();
        for (ConfigNodeKey k : byIdentity.getOrDefault(id, Collections.emptyNavigableSet())) {
            if (k.type().equals(type)) {
                out.add(k);
            }
        }
        return out;
    }

    /**
     * Nodes of {@code targetType} linked to {@code from} by {@code metadata}, looking through a link-attribute
     * midnode ({@code attr(…)} node of the link's type) when the reference carries an attribute.
     */
    public List<Linked> neighbours(ConfigNodeKey from, String metadata, String targetType) {
        List<Linked> out = new ArrayList<>();
        noteRead(new LinksOf(from, metadata));
        for (ConfigItem.Link link : linksOf(from, metadata)) {
            ConfigNodeKey next = link.other(from);
            if (next.type().equals(targetType)) {
                out.add(new Linked(next, Optional.empty()));
            } else if (next.type().equals(metadata)) {
                noteRead(new LinksOf(next, metadata));
                Optional<XmlNode> attribute = node(next).flatMap(n -> n.child("value"));
                for (ConfigItem.Link second : linksOf(next, metadata)) {
                    ConfigNodeKey target = second.other(next);
                    if (!target.equals(from) && target.type().equals(targetType)) {
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

    private boolean removeNode(ConfigNodeKey key) {
        if (nodes.remove(key) == null) {
            return false;
        }
        unindexNode(key);
        touchNode(key);
        return true;
    }

    private void indexNode(ConfigNodeKey key, XmlNode properties) {
        byType.computeIfAbsent(key.type(), t -> new TreeSet<>()).add(key);
        byIdentity.computeIfAbsent(lastSegment(key.name()), n -> new TreeSet<>()).add(key);
        touch(new Identity(lastSegment(key.name())));
        PortConfigResolver.uuid(properties).map(UUID::toString).ifPresent(u -> {
            uuidOf.put(key, u);
            byIdentity.computeIfAbsent(u, n -> new TreeSet<>()).add(key);
            touch(new Identity(u));
        });
    }

    private void unindexNode(ConfigNodeKey key) {
        removeFrom(byType, key.type(), key);
        removeFrom(byIdentity, lastSegment(key.name()), key);
        touch(new Identity(lastSegment(key.name())));
        String u = uuidOf.remove(key);
        if (u != null) {
            removeFrom(byIdentity, u, key);
            touch(new Identity(u));
        }
    }

    /** A node's properties changed, or it came or went: readers of it and of its type are affected. */
    private void touchNode(ConfigNodeKey key) {
        touch(key);
        touch(new OfType(key.type()));
    }

    private void touchLinks(ConfigItem.Link link) {
        touch(new LinksOf(link.left(), link.metadata()));
        touch(new LinksOf(link.right(), link.metadata()));
    }

    /** Marks {@code what} as changed by the change being made (the next {@link #changeCount()}). */
    private void touch(Object what) {
        touchedAt.put(what, changes + 1);
    }

    private void noteRead(Object what) {
        if (reads != null) {
            reads.add(what);
        }
    }

    /**
     * Entries of removed nodes and links stay in {@link #touchedAt}; once it holds many more than the image, it is
     * emptied and every earlier recording counts as changed.
     */
    private void forgetWhenLarge() {
        if (touchedAt.size() > FORGET_ABOVE + 2 * (nodes.size() + byIdentity.size() + links.size())) {
            touchedAt.clear();
            forgottenAt = changes;
        }
    }

    private static void removeFrom(Map<String, NavigableSet<ConfigNodeKey>> index, String entry, ConfigNodeKey key) {
        NavigableSet<ConfigNodeKey> s = index.get(entry);
        if (s != null && s.remove(key) && s.isEmpty()) {
            index.remove(entry);
        }
    }

    private static String lastSegment(String name) {
        return name.substring(name.lastIndexOf(':') + 1);
    }

    private Set<ConfigItem.Link> linksOf(ConfigNodeKey node, String metadata) {
        return adjacency.getOrDefault(node, Map.of()).getOrDefault(metadata, Set.of());
    }

    private void index(ConfigItem.Link link) {
        for (ConfigNodeKey end : List.of(link.left(), link.right())) {
            adjacency.computeIfAbsent(end, k -> new HashMap<>())
                    .computeIfAbsent(link.metadata(), k -> new HashSet<>()).add(link);
        }
    }

    private boolean unlink(ConfigItem.Link link) {
        boolean had = links.remove(link) != null;
        if (had) {
            touchLinks(link);
        }
        for (ConfigNodeKey end : List.of(link.left(), link.right())) {
            Map<String, Set<ConfigItem.Link>> byMetadata = adjacency.get(end);
            if (byMetadata == null) {
                continue;
            }
            Set<ConfigItem.Link> s = byMetadata.get(link.metadata());
            if (s != null && s.remove(link) && s.isEmpty()) {
                byMetadata.remove(link.metadata());
                if (byMetadata.isEmpty()) {
                    adjacency.remove(end);
                }
            }
        }
        return had;
    }

    /** A neighbour and, when the link went through a midnode, the link's attribute ({@code <value>}). */
    public record Linked(ConfigNodeKey key, Optional<XmlNode> attribute) {
    }

    /**
     * A value read from the image, with what the read looked at and the change count it saw.
     *
     * @param value the value
     * @param reads the nodes' properties, nodes' links by kind, types and identities the read looked at
     * @param at    {@link #changeCount()} when it ran
     */
    public record Recorded<T>(T value, Set<Object> reads, long at) {
    }
}
