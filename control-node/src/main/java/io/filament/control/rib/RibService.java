package io.filament.control.rib;

import io.filament.contracts.xmpp.RoutePrefix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 */
public final class RibService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RibService.class);

    private final Rib rib = new Rib();
    private final Map<String, RibOutSink> sinks = new HashMap<>();
    private final Map<String, ScheduledFuture<?>> endOfRibTimers = new HashMap<>();
    private final ScheduledExecutorService thread;
    private final Duration endOfRibDelay;
    private volatile int pathCount;
    private volatile int instanceCount;

    public RibService(Duration endOfRibDelay) {
        this.endOfRibDelay = endOfRibDelay;
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
        return write(() -> {
            sinks.putIfAbsent(s.peer(), sink);
            List<RouteChange> dump = rib.subscribe(s);
            scheduleEndOfRib(s.peer());
            return dump;
        });
    }

    public CompletableFuture<Void> unsubscribe(String peer, String instance) {
        return write(() -> rib.unsubscribe(peer, instance));
    }

    public CompletableFuture<Void> addPath(Path path) {
        return write(() -> rib.addPath(path));
    }

    public CompletableFuture<Void> deletePath(String peer, String instance, RoutePrefix prefix) {
        return write(() -> rib.deletePath(peer, instance, prefix));
    }

    public CompletableFuture<Void> peerDown(String peer) {
        return write(() -> {
            sinks.remove(peer);
            ScheduledFuture<?> eor = endOfRibTimers.remove(peer);
            if (eor != null) {
                eor.cancel(false);
            }
            List<RouteChange> changes = rib.peerDown(peer);
            log.info("peer {} down: {} route changes", peer, changes.size());
            return changes;
        });
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
        pathCount = rib.pathCount();
        instanceCount = rib.instanceCount();
        for (RouteChange c : changes) {
            var selection = rib.selection(c.instance(), c.prefix());
            // one entry for every subscriber that has no path in the ECMP set; split horizon for those that do
            var common = Advertisement.forPeer(selection, "");
            for (Subscription s : rib.subscribers(c.instance())) {
                RibOutSink sink = sinks.get(s.peer());
                if (sink != null && !s.noRibout()) {
                    boolean contributes = selection.isPresent()
                            && selection.get().ecmp().stream().anyMatch(p -> p.key().peer().equals(s.peer()));
                    sink.advertise(c.instance(), c.prefix(), contributes ? Advertisement.forPeer(selection, s.peer()) : common);
                }
            }
        }
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
