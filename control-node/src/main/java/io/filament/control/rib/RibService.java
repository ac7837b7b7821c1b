package io.filament.control.rib;

import io.filament.contracts.xmpp.RoutePrefix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Owns the {@link Rib} on one thread ("rib"): every write and every read goes through it, in arrival order, so
 * a publish that follows a subscribe on the same stream always finds the subscription. After each write the
 * changed routes are handed to the subscribers' {@link RibOutSink}s; End-of-RIB follows a quiet period after
 * a peer's last subscribe.
 *
 * <p>Graceful restart: a peer whose session is lost keeps its paths, marked stale, for the graceful-restart time
 * (TF's {@code graceful_restart_time}); no withdrawal is sent for them. When it returns the timer starts again;
 * its End-of-RIB, or the timer, withdraws the stale paths it has not re-published. A time of zero disables it.
 */
public final class RibService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RibService.class);

    private final Rib rib = new Rib();
    private final Map<String, RibOutSink> sinks = new HashMap<>();
    private final Map<String, ScheduledFuture<?>> endOfRibTimers = new HashMap<>();
    private final Map<String, ScheduledFuture<?>> staleTimers = new HashMap<>();
    private final Map<String, Integer> staleCounts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread;
    private final Duration endOfRibDelay;
    private final Duration gracefulRestartTime;
    private volatile int pathCount;
    private volatile int instanceCount;

    public RibService(Duration endOfRibDelay) {
        this(endOfRibDelay, Duration.ZERO);
    }

    public RibService(Duration endOfRibDelay, Duration gracefulRestartTime) {
        if (gracefulRestartTime.isNegative()) {
            throw new IllegalArgumentException("graceful-restart-time must not be negative: " + gracefulRestartTime);
        }
        this.endOfRibDelay = endOfRibDelay;
        this.gracefulRestartTime = gracefulRestartTime;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rib");
            t.setDaemon(true);
            return t;
        });
    }

    public CompletableFuture<Void> applySpec(RoutingInstanceSpec spec) {
        return write(() -> rib.applySpec(spec));
    }

    public CompletableFuture<Void> removeSpec(String name) {
        return write(() -> rib.removeSpec(name));
    }

    public CompletableFuture<Void> subscribe(Subscription s, RibOutSink sink) {
        return CompletableFuture.runAsync(() -> {
            sinks.putIfAbsent(s.peer(), sink);
            Rib.SubscribeResult r = rib.subscribeDump(s);
            scheduleEndOfRib(s.peer());
            distribute(r.replicated());
            // the instance's routes go to the new subscriber only; the others hold them already
            send(r.dump(), Optional.of(s.peer()));
        }, thread);
    }

    public CompletableFuture<Void> unsubscribe(String peer, String instance) {
        return write(() -> tracked(peer, rib.unsubscribe(peer, instance)));
    }

    public CompletableFuture<Void> addPath(Path path) {
        return write(() -> tracked(path.key().peer(), rib.addPath(path)));
    }

    public CompletableFuture<Void> deletePath(String peer, String instance, RoutePrefix prefix) {
        return write(() -> tracked(peer, rib.deletePath(peer, instance, prefix)));
    }

    /** The peer is gone for good (or graceful restart does not apply): all its paths are withdrawn now. */
    public CompletableFuture<Void> peerDown(String peer) {
        return write(() -> {
            forgetSession(peer);
            cancel(staleTimers, peer);
            List<RouteChange> changes = tracked(peer, rib.peerDown(peer));
            log.info("peer {} down: {} route changes", peer, changes.size());
            return changes;
        });
    }

    /**
     * The peer's session was lost (connection closed, hold timer expired, replaced): with graceful restart its
     * paths stay, stale, until it returns and sends End-of-RIB or the graceful-restart time passes.
     */
    public CompletableFuture<Void> peerLost(String peer) {
        if (gracefulRestartTime.isZero()) {
            return peerDown(peer);
        }
        return write(() -> {
            forgetSession(peer);
            int kept = rib.peerStale(peer);
            tracked(peer, List.of());
            if (kept > 0) {
                scheduleSweep(peer);
            }
            log.info("peer {} down: graceful restart, {} paths kept stale for {} s", peer, kept,
                    gracefulRestartTime.toSeconds());
            return List.of();
        });
    }

    /** A new session of the peer: it has the graceful-restart time again to re-publish and send End-of-RIB. */
    public CompletableFuture<Void> peerReturned(String peer) {
        return write(() -> {
            if (staleTimers.containsKey(peer)) {
                scheduleSweep(peer);
            }
            return List.of();
        });
    }

    /** The peer's End-of-RIB: what it left stale is withdrawn. */
    public CompletableFuture<Void> endOfRib(String peer) {
        return write(() -> {
            cancel(staleTimers, peer);
            List<RouteChange> changes = tracked(peer, rib.sweepStale(peer));
            if (!changes.isEmpty()) {
                log.info("peer {} End-of-RIB: {} stale route changes", peer, changes.size());
            }
            return changes;
        });
    }

    /** Paths of the peer kept through a graceful restart and not re-published yet (as of the last write). */
    public int stalePaths(String peer) {
        return staleCounts.getOrDefault(peer, 0);
    }

    /** Runs a read on the RIB thread; the function must copy what it returns. */
    public <T> CompletableFuture<T> read(Function<Rib, T> query) {
        return CompletableFuture.supplyAsync(() -> query.apply(rib), thread);
    }

    private CompletableFuture<Void> write(Supplier<List<RouteChange>> change) {
        return CompletableFuture.runAsync(() -> distribute(change.get()), thread);
    }

    /** Paths in all tables after the last write (published by the RIB thread for metrics). */
    public int pathCount() {
        return pathCount;
    }

    public int instanceCount() {
        return instanceCount;
    }

    private void distribute(List<RouteChange> changes) {
        send(changes, Optional.empty());
    }

    private void send(List<RouteChange> changes, Optional<String> onlyTo) {
        pathCount = rib.pathCount();
        instanceCount = rib.instanceCount();
        for (RouteChange c : changes) {
            var selection = rib.selection(c.instance(), c.prefix());
            // one entry for every subscriber that has no path in the ECMP set; split horizon for those that do
            var common = Advertisement.forPeer(selection, "");
            for (Subscription s : rib.subscribers(c.instance())) {
                if (onlyTo.isPresent() && !onlyTo.get().equals(s.peer())) {
                    continue;
                }
                RibOutSink sink = sinks.get(s.peer());
                if (sink != null && !s.noRibout()) {
                    boolean contributes = selection.isPresent()
                            && selection.get().ecmp().stream().anyMatch(p -> p.key().peer().equals(s.peer()));
                    sink.advertise(c.instance(), c.prefix(), contributes ? Advertisement.forPeer(selection, s.peer()) : common);
                }
            }
        }
    }

    private void forgetSession(String peer) {
        sinks.remove(peer);
        cancel(endOfRibTimers, peer);
    }

    private static void cancel(Map<String, ScheduledFuture<?>> timers, String peer) {
        ScheduledFuture<?> timer = timers.remove(peer);
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private List<RouteChange> tracked(String peer, List<RouteChange> changes) {
        int stale = rib.staleCount(peer);
        if (stale == 0) {
            staleCounts.remove(peer);
        } else {
            staleCounts.put(peer, stale);
        }
        return changes;
    }

    private void scheduleSweep(String peer) {
        cancel(staleTimers, peer);
        staleTimers.put(peer, thread.schedule(() -> {
            staleTimers.remove(peer);
            List<RouteChange> changes = tracked(peer, rib.sweepStale(peer));
            log.info("peer {} graceful restart time of {} s passed: {} stale route changes", peer,
                    gracefulRestartTime.toSeconds(), changes.size());
            distribute(changes);
        }, gracefulRestartTime.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void scheduleEndOfRib(String peer) {
        ScheduledFuture<?> old = endOfRibTimers.get(peer);
        if (old != null) {
            old.cancel(false);
        }
        endOfRibTimers.put(peer, thread.schedule(() -> {
            endOfRibTimers.remove(peer);
            RibOutSink sink = sinks.get(peer);
            if (sink != null) {
                sink.endOfRib();
            }
        }, endOfRibDelay.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
