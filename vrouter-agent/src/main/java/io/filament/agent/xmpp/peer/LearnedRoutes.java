package io.filament.agent.xmpp.peer;

import io.filament.agent.oper.RemotePath;
import io.filament.agent.xmpp.wire.RouteUpdateEvent;
import io.filament.contracts.xmpp.NextHop;
import io.filament.contracts.xmpp.RouteEntry;
import io.filament.contracts.xmpp.RoutePrefix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Routes learned from up to two control nodes, kept per control node and merged: a prefix is known while any
 * control node announces it, so losing one control node loses no route.
 *
 * <p>Headless operation: when a control node goes away its routes are only marked stale and stay installed;
 * when it comes back, what it re-announces is fresh again and, at its End-of-RIB, what it did not re-announce
 * is removed. A fresh path is preferred to a stale one. Not thread-safe: owned by the agent's controller thread.
 */
public final class LearnedRoutes {

    private record Key(String instance, RoutePrefix prefix) {
    }

    private record Learned(RouteEntry entry, boolean stale) {
    }

    private final Map<String, Map<Key, Learned>> byPeer = new HashMap<>();

    /** Applies one update of {@code peer}; returns whether anything changed. */
    public boolean apply(String peer, RouteUpdateEvent event) {
        if (event.isEndOfRib()) {
            return sweepStale(peer) > 0;
        }
        Map<Key, Learned> table = byPeer.computeIfAbsent(peer, p -> new HashMap<>());
        boolean changed = false;
        for (RouteEntry e : event.routes()) {
            Learned previous = table.put(new Key(event.instance(), e.prefix()), new Learned(e, false));
            changed |= previous == null || !previous.entry().equals(e) || previous.stale();
        }
        for (String id : event.retracts()) {
            changed |= table.remove(new Key(event.instance(), RoutePrefix.parse(id))) != null;
        }
        return changed;
    }

    /** The control node went away: keep its routes, marked stale. */
    public void peerDown(String peer) {
        byPeer.getOrDefault(peer, Map.of()).replaceAll((k, v) -> new Learned(v.entry(), true));
    }

    /** Removes {@code peer}'s routes it did not re-announce since it went down; returns how many. */
    public int sweepStale(String peer) {
        Map<Key, Learned> table = byPeer.getOrDefault(peer, Map.of());
        int before = table.size();
        table.values().removeIf(Learned::stale);
        return before - table.size();
    }

    /** Drops every path of {@code peer} (a control node that is down while another one re-sent its RIB); returns how many. */
    public int forget(String peer) {
        Map<Key, Learned> table = byPeer.remove(peer);
        return table == null ? 0 : table.size();
    }

    /**
     * Drops {@code peer}'s paths in {@code instance}: this agent left that routing instance, and a control node
     * sends no withdrawal to an agent that is not subscribed, so what it held would otherwise come back, outdated,
     * when the agent joins the instance again. Returns how many went.
     */
    public int forgetInstance(String peer, String instance) {
        Map<Key, Learned> table = byPeer.getOrDefault(peer, Map.of());
        int before = table.size();
        table.keySet().removeIf(k -> k.instance().equals(instance));
        return before - table.size();
    }

    public int size(String peer) {
        return byPeer.getOrDefault(peer, Map.of()).size();
    }

    /**
     * The merged table: per instance and prefix the best path — fresh before stale, then highest local
     * preference, then lowest MED, then the first control node by name — with its first next hop.
     */
    public List<RemotePath> best() {
        Map<Key, Candidate> best = new TreeMap<>(Comparator.comparing(Key::instance).thenComparing(Key::prefix));
        for (var peer : byPeer.entrySet()) {
            for (var route : peer.getValue().entrySet()) {
                Candidate c = new Candidate(peer.getKey(), route.getValue());
                best.merge(route.getKey(), c, (a, b) -> ORDER.compare(a, b) <= 0 ? a : b);
            }
        }
        List<RemotePath> out = new ArrayList<>();
        best.forEach((key, c) -> {
            RouteEntry e = c.learned().entry();
            if (e.nextHops().isEmpty()) {
                return;
            }
            NextHop nh = e.nextHops().getFirst();
            String vn = nh.virtualNetwork().isEmpty() ? e.virtualNetwork() : nh.virtualNetwork();
            out.add(new RemotePath(key.instance(), key.prefix(), nh.address(), nh.label(), nh.encapsulations(), vn,
                    e.securityGroups()));
        });
        return out;
    }

    private record Candidate(String peer, Learned learned) {
    }

    private static final Comparator<Candidate> ORDER = Comparator
            .comparing((Candidate c) -> c.learned().stale())
            .thenComparing(c -> -c.learned().entry().localPreference())
            .thenComparing(c -> c.learned().entry().effectiveMed())
            .thenComparing(Candidate::peer);
}
