package io.filament.control.rib;

import io.filament.contracts.xmpp.RoutePrefix;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The routing-instance tables and route-target replication. A path lives in its origin instance and in every
 * instance whose import targets intersect the origin's export targets. Every mutator returns the (instance,
 * prefix) pairs whose paths changed. Confined to the RIB thread: {@link RibService} is the only caller.
 *
 * <p>Graceful restart as in TF: when a peer's session is lost its subscriptions go but its paths stay, marked
 * stale, and keep being advertised. A path the returning peer publishes again (same instance, prefix and
 * SourceRD) is no longer stale; {@link #sweepStale} removes the rest.
 */
public final class Rib {

    private final Map<String, InstanceTable> instances = new HashMap<>();
    private Map<String, Set<String>> importers = Map.of();
    private final Map<String, Set<StalePath>> stale = new HashMap<>();

    public List<RouteChange> applySpec(RoutingInstanceSpec spec) {
        InstanceTable t = instances.computeIfAbsent(spec.name(), n -> new InstanceTable(spec, true));
        t.spec = spec;
        t.specKnown = true;
        return replicate();
    }

    public List<RouteChange> removeSpec(String name) {
        InstanceTable t = instances.get(name);
        if (t == null) {
            return List.of();
        }
        t.spec = RoutingInstanceSpec.placeholder(name);
        t.specKnown = false;
        List<RouteChange> changes = replicate();
        dropIfIdle(name);
        return changes;
    }

    /**
     * Returns the routes currently in the instance, which the new subscriber must be sent, after the changes
     * the instance's first subscription caused through replication (see {@link #subscribeDump}).
     */
    public List<RouteChange> subscribe(Subscription s) {
        SubscribeResult r = subscribeDump(s);
        List<RouteChange> out = new ArrayList<>(r.replicated());
        out.addAll(r.dump());
        return out;
    }

    /**
     * @param replicated changes every subscriber of the affected instances must hear
     * @param dump       the instance's routes, owed to the new subscriber only
     */
    public record SubscribeResult(List<RouteChange> replicated, List<RouteChange> dump) {
    }

    public SubscribeResult subscribeDump(Subscription s) {
        InstanceTable t = instances.computeIfAbsent(s.instance(),
                n -> new InstanceTable(RoutingInstanceSpec.placeholder(n), false));
        if (t.subscribers.containsKey(s.peer())) {
            throw new RibException(s.peer(), s.instance(), "already subscribed");
        }
        for (InstanceTable other : instances.values()) {
            Subscription mine = other.subscribers.get(s.peer());
            if (mine != null && mine.instanceId() == s.instanceId()) {
                throw new RibException(s.peer(), s.instance(),
                        "instance-id " + s.instanceId() + " already used for " + mine.instance());
            }
        }
        boolean fresh = importers.get(s.instance()) == null;
        t.subscribers.put(s.peer(), s);
        List<RouteChange> replicated = fresh ? replicate() : List.of();
        List<RouteChange> dump = new ArrayList<>();
        t.table.keySet().forEach(p -> dump.add(new RouteChange(s.instance(), p)));
        return new SubscribeResult(replicated, dump);
    }

    public List<RouteChange> unsubscribe(String peer, String instance) {
        InstanceTable t = instances.get(instance);
        if (t == null || t.subscribers.remove(peer) == null) {
            throw new RibException(peer, instance, "not subscribed");
        }
        List<RouteChange> changes = withdrawAll(peer, instance);
        dropIfIdle(instance);
        return changes;
    }

    public List<RouteChange> addPath(Path path) {
        InstanceTable origin = subscribed(path.key().peer(), path.originInstance());
        RoutePrefix prefix = path.entry().prefix();
        origin.primaries.computeIfAbsent(prefix, p -> new HashMap<>(2)).put(path.key(), path);
        forgetStale(path.key().peer(), s -> s.equals(new StalePath(path.originInstance(), prefix, path.key())));
        List<RouteChange> out = new ArrayList<>();
        for (String name : holders(path.originInstance())) {
            if (instances.get(name).putPath(path)) {
                out.add(new RouteChange(name, prefix));
            }
        }
        return out;
    }

    public List<RouteChange> deletePath(String peer, String instance, RoutePrefix prefix) {
        InstanceTable origin = subscribed(peer, instance);
        Map<PathKey, Path> own = origin.primaries.get(prefix);
        if (own == null) {
            return List.of();
        }
        List<RouteChange> out = new ArrayList<>();
        for (PathKey key : new ArrayList<>(own.keySet())) {
            if (key.peer().equals(peer)) {
                own.remove(key);
                removeEverywhere(instance, prefix, key, out);
            }
        }
        if (own.isEmpty()) {
            origin.primaries.remove(prefix);
        }
        forgetStale(peer, s -> s.originInstance().equals(instance) && s.prefix().equals(prefix));
        return out;
    }

    /** A lost session without graceful restart: every subscription and path of the peer goes. */
    public List<RouteChange> peerDown(String peer) {
        List<RouteChange> out = new ArrayList<>();
        for (String name : new ArrayList<>(instances.keySet())) {
            InstanceTable t = instances.get(name);
            if (t != null) {
                t.subscribers.remove(peer);
                out.addAll(withdrawAll(peer, name));
                dropIfIdle(name);
            }
        }
        stale.remove(peer);
        return out;
    }

    /**
     * A lost session with graceful restart: the peer's subscriptions go (nothing more is sent to it), every path
     * it has published stays and is marked stale. Changes no route, so returns nothing to advertise.
     */
    public int peerStale(String peer) {
        Set<StalePath> marked = stale.computeIfAbsent(peer, p -> new HashSet<>());
        for (String name : new ArrayList<>(instances.keySet())) {
            InstanceTable t = instances.get(name);
            t.subscribers.remove(peer);
            t.primaries.forEach((prefix, paths) -> paths.keySet().stream()
                    .filter(k -> k.peer().equals(peer))
                    .forEach(k -> marked.add(new StalePath(name, prefix, k))));
        }
        if (marked.isEmpty()) {
            stale.remove(peer);
        }
        new ArrayList<>(instances.keySet()).forEach(this::dropIfIdle);
        return marked.size();
    }

    /** Ends a graceful restart: the peer's paths still stale are withdrawn. */
    public List<RouteChange> sweepStale(String peer) {
        Set<StalePath> left = stale.remove(peer);
        if (left == null) {
            return List.of();
        }
        List<RouteChange> out = new ArrayList<>();
        Set<String> touched = new HashSet<>();
        for (StalePath s : left) {
            InstanceTable origin = instances.get(s.originInstance());
            Map<PathKey, Path> own = origin == null ? null : origin.primaries.get(s.prefix());
            if (own == null || own.remove(s.key()) == null) {
                continue;
            }
            if (own.isEmpty()) {
                origin.primaries.remove(s.prefix());
            }
            removeEverywhere(s.originInstance(), s.prefix(), s.key(), out);
            touched.add(s.originInstance());
        }
        touched.forEach(this::dropIfIdle);
        return out;
    }

    /** The peer's paths kept through its graceful restart and not yet re-published. */
    public int staleCount(String peer) {
        return stale.getOrDefault(peer, Set.of()).size();
    }

    private void forgetStale(String peer, Predicate<StalePath> which) {
        Set<StalePath> marked = stale.get(peer);
        if (marked != null && marked.removeIf(which) && marked.isEmpty()) {
            stale.remove(peer);
        }
    }

    public Optional<RouteSelection> selection(String instance, RoutePrefix prefix) {
        InstanceTable t = instances.get(instance);
        if (t == null) {
            return Optional.empty();
        }
        Map<PathKey, Path> paths = t.table.get(prefix);
        return paths == null ? Optional.empty() : BestPathSelector.select(instance, paths.values());
    }

    public Collection<Subscription> subscribers(String instance) {
        InstanceTable t = instances.get(instance);
        return t == null ? List.of() : t.subscribers.values();
    }

    public NavigableMap<String, RoutingInstanceSpec> instances() {
        NavigableMap<String, RoutingInstanceSpec> out = new TreeMap<>();
        instances.forEach((n, t) -> out.put(n, t.spec));
        return out;
    }

    public NavigableMap<RoutePrefix, Map<PathKey, Path>> table(String instance) {
        InstanceTable t = instances.get(instance);
        return t == null ? new TreeMap<>() : t.table;
    }

    public int instanceCount() {
        return instances.size();
    }

    public int pathCount() {
        int n = 0;
        for (InstanceTable t : instances.values()) {
            n += t.pathCount();
        }
        return n;
    }

    private InstanceTable subscribed(String peer, String instance) {
        InstanceTable t = instances.get(instance);
        if (t == null || !t.subscribers.containsKey(peer)) {
            throw new RibException(peer, instance, "not subscribed to the instance");
        }
        return t;
    }

    private List<RouteChange> withdrawAll(String peer, String instance) {
        InstanceTable origin = instances.get(instance);
        List<RouteChange> out = new ArrayList<>();
        for (RoutePrefix prefix : new ArrayList<>(origin.primaries.keySet())) {
            Map<PathKey, Path> own = origin.primaries.get(prefix);
            for (PathKey key : new ArrayList<>(own.keySet())) {
                if (key.peer().equals(peer)) {
                    own.remove(key);
                    removeEverywhere(instance, prefix, key, out);
                }
            }
            if (own.isEmpty()) {
                origin.primaries.remove(prefix);
            }
        }
        forgetStale(peer, s -> s.originInstance().equals(instance));
        return out;
    }

    private void removeEverywhere(String origin, RoutePrefix prefix, PathKey key, List<RouteChange> out) {
        for (String name : holders(origin)) {
            if (instances.get(name).removePath(prefix, key)) {
                out.add(new RouteChange(name, prefix));
            }
        }
    }

    /** The origin instance and every instance that imports it. */
    private Set<String> holders(String origin) {
        Set<String> out = new HashSet<>(importers.getOrDefault(origin, Set.of()));
        out.add(origin);
        return out;
    }

    /** Recomputes who imports whom and moves paths where the answer changed. */
    private List<RouteChange> replicate() {
        Map<String, Set<String>> next = new HashMap<>();
        for (InstanceTable exporter : instances.values()) {
            Set<String> in = new HashSet<>();
            for (InstanceTable importer : instances.values()) {
                if (importer != exporter && importer.spec.imports(exporter.spec)) {
                    in.add(importer.spec.name());
                }
            }
            next.put(exporter.spec.name(), in);
        }
        List<RouteChange> out = new ArrayList<>();
        for (var e : next.entrySet()) {
            Set<String> before = importers.getOrDefault(e.getKey(), Set.of());
            InstanceTable origin = instances.get(e.getKey());
            for (String added : e.getValue()) {
                if (!before.contains(added)) {
                    copyPrimaries(origin, instances.get(added), true, out);
                }
            }
            for (String removed : before) {
                if (!e.getValue().contains(removed) && instances.containsKey(removed)) {
                    copyPrimaries(origin, instances.get(removed), false, out);
                }
            }
        }
        importers = next;
        return out;
    }

    private static void copyPrimaries(InstanceTable from, InstanceTable to, boolean add, List<RouteChange> out) {
        for (Map<PathKey, Path> paths : from.primaries.values()) {
            for (Path p : paths.values()) {
                boolean changed = add ? to.putPath(p) : to.removePath(p.entry().prefix(), p.key());
                if (changed) {
                    out.add(new RouteChange(to.spec.name(), p.entry().prefix()));
                }
            }
        }
    }

    private void dropIfIdle(String name) {
        InstanceTable t = instances.get(name);
        if (t != null && t.idle()) {
            instances.remove(name);
            replicate();
        }
    }
}
