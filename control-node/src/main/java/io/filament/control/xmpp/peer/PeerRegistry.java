package io.filament.control.xmpp.peer;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * The agents with an established session, and the last state of those that went down (state, since and the
 * reason), for introspection and status. Thread-safe: peers register from their event loops.
 */
public final class PeerRegistry {

    private final Map<String, AgentPeer> up = new ConcurrentHashMap<>();
    private final Map<String, PeerStatus> down = new ConcurrentHashMap<>();
    private final Clock clock;
    private final ToIntFunction<String> stalePaths;

    /** @param stalePaths a host's paths kept through its graceful restart */
    public PeerRegistry(Clock clock, ToIntFunction<String> stalePaths) {
        this.clock = clock;
        this.stalePaths = stalePaths;
    }

    /** Registers a peer; an older session of the same host is returned so that it can be closed. */
    Optional<AgentPeer> up(AgentPeer peer) {
        down.remove(peer.hostname());
        return Optional.ofNullable(up.put(peer.hostname(), peer)).filter(old -> old != peer);
    }

    /** Returns whether the peer was the host's current session. */
    boolean down(AgentPeer peer, String reason) {
        if (up.remove(peer.hostname(), peer)) {
            PeerStatus s = peer.status();
            down.put(peer.hostname(), new PeerStatus(s.hostname(), s.jid(), s.remoteAddress(), "CLOSED",
                    Instant.now(clock), reason, s.subscriptions(), s.routesReceived(), s.routesWithdrawn(),
                    s.itemsRejected(), s.itemsSent(), s.retractsSent(), s.messagesSent(), s.configObjectsPushed(),
                    s.endOfRibReceived(), 0));
            return true;
        }
        return false;
    }

    public List<PeerStatus> statuses() {
        List<PeerStatus> out = new java.util.ArrayList<>(up.values().stream().map(AgentPeer::status).toList());
        out.addAll(down.values());
        out.replaceAll(s -> s.withStalePaths(stalePaths.applyAsInt(s.hostname())));
        out.sort(java.util.Comparator.comparing(PeerStatus::hostname));
        return out;
    }

    public Collection<AgentPeer> established() {
        return up.values();
    }

    public int establishedCount() {
        return up.size();
    }
}
