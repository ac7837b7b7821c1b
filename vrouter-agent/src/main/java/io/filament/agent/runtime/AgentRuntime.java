package io.filament.agent.runtime;

import io.filament.agent.config.AgentProperties;
import io.filament.agent.ifmap.ConfigImage;
import io.filament.agent.ifmap.PortConfigResolver;
import io.filament.agent.oper.OperTables;
import io.filament.agent.oper.OperTablesBuilder;
import io.filament.agent.port.Port;
import io.filament.agent.port.PortListener;
import io.filament.agent.xmpp.peer.Advertisement;
import io.filament.agent.xmpp.peer.AdvertisementPlan;
import io.filament.agent.xmpp.peer.LearnedRoutes;
import io.filament.agent.xmpp.session.ControlNodeSession;
import io.filament.agent.xmpp.session.SessionListener;
import io.filament.agent.xmpp.session.SessionStatus;
import io.filament.agent.xmpp.wire.ConfigItem;
import io.filament.agent.xmpp.wire.PubSubRequest;
import io.filament.agent.xmpp.wire.RouteUpdateEvent;
import io.filament.contracts.xmpp.TunnelEncapsulation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;

/**
 * The agent's controller: one thread ({@code agent}) owns the config image, the ports, the learned routes and
 * what each control node was sent. Every input (a port plugged, config, routes, a session up or down) marks the
 * state dirty; one recompute then derives the oper tables, hands them to the {@link TablesListener}s (dataplane
 * programming, DHCP, status) and brings every established control node up to date.
 *
 * <p>Config comes from one control node at a time (the first established one in configured order), as in TF.
 * When the config peer changes, the image starts a new generation; what the new peer has not re-sent after
 * {@code configCleanup} is removed. Routes are learned from every control node and merged.
 *
 * <p>After the agent starts, its tables are complete once the config peer has sent End-of-RIB (or
 * {@code endOfRibTimeout} passed) and every restored port has its config (or the config cleanup ran); the
 * listeners hear {@link TablesListener#tablesComplete()} then, once, and only from then on is state that was
 * kept from before the start removed. An End-of-RIB also ends, {@code endOfRibTimeout} later, the stale paths of
 * control nodes that are down: by then the agents that reconnect to the returning node have re-published theirs.
 */
public final class AgentRuntime implements SessionListener, PortListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentRuntime.class);

    private final AgentProperties properties;
    private final OperTablesBuilder builder;
    private final Set<TunnelEncapsulation> dataplaneEncapsulations;
    private final Duration configCleanup;
    private final Duration endOfRibTimeout;
    private final ScheduledExecutorService thread;
    private final ConfigImage image = new ConfigImage();
    private final LearnedRoutes learned = new LearnedRoutes();
    /** In the order they were plugged: a port plugged again moves to the end (see {@link OperTablesBuilder}). */
    private final Map<UUID, Port> ports = new LinkedHashMap<>();
    private final List<ControlNodeSession> sessions = new ArrayList<>();
    private final Map<String, Advertisement> sent = new HashMap<>();
    private final List<TablesListener> listeners = new CopyOnWriteArrayList<>();
    private final List<LongConsumer> recomputeObservers = new CopyOnWriteArrayList<>();
    private Optional<String> configPeer = Optional.empty();
    private final Set<String> ribComplete = new TreeSet<>();
    /** The control nodes this agent sent its End-of-RIB to in their current session. */
    private final Set<String> endOfRibSent = new TreeSet<>();
    /** The control nodes that are up as this thread has heard, each with the number of its current session. */
    private final Map<String, Long> up = new HashMap<>();
    private long sessionsSeen;
    private boolean configSettled;
    private volatile boolean complete;
    private boolean dirty;
    private volatile OperTables tables = OperTables.EMPTY;
    private volatile List<TunnelEncapsulation> encapsulations = List.of();
    private volatile long recomputes;

    public AgentRuntime(AgentProperties properties, OperTablesBuilder builder,
                        Set<TunnelEncapsulation> dataplaneEncapsulations, Duration configCleanup,
                        Duration endOfRibTimeout) {
        this.properties = properties;
        this.builder = builder;
        this.dataplaneEncapsulations = Set.copyOf(dataplaneEncapsulations);
        this.configCleanup = configCleanup;
        this.endOfRibTimeout = endOfRibTimeout;
        OwnerThread agent = new OwnerThread("agent");
        // a stopping agent does not wait for its cleanup and End-of-RIB timers: they are for a running one
        agent.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.thread = agent;
    }

    /** Adds a control-node session (in order of preference); call before {@link #start()}. */
    public void addSession(ControlNodeSession session) {
        sessions.add(session);
    }

    public void addListener(TablesListener listener) {
        listeners.add(listener);
    }

    /** Hears how long each recompute took, in nanoseconds: tables built, listeners told, control nodes sent. */
    public void addRecomputeObserver(LongConsumer nanos) {
        recomputeObservers.add(nanos);
    }

    public void start() {
        thread.execute(this::markDirty);
        sessions.forEach(ControlNodeSession::start);
    }

    public OperTables tables() {
        return tables;
    }

    public List<TunnelEncapsulation> encapsulations() {
        return encapsulations;
    }

    public List<SessionStatus> sessions() {
        return sessions.stream().map(ControlNodeSession::status).toList();
    }

    public Optional<String> configPeer() {
        return configPeer;
    }

    /** Whether the tables are complete after the start (see the class comment). */
    public boolean complete() {
        return complete;
    }

    public long recomputes() {
        return recomputes;
    }

    /** How many port configs the recomputes resolved afresh and how many they reused. */
    public OperTablesBuilder.PortConfigCounts portConfigCounts() {
        return builder.portConfigCounts();
    }

    /**
     * Whether the config image holds everything {@code port} needs to come up (its VMI with network, address and
     * subnet), as the controller thread sees it now: a port plugged after this is true needs no more config.
     */
    public boolean configPresent(Port port) {
        try {
            return thread.submit(() -> PortConfigResolver.resolve(image, port).isPresent()).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the config image", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the controller thread did not read the config image", e);
        }
    }

    public Map<String, Integer> learnedRouteCounts() {
        Map<String, Integer> out = new TreeMap<>();
        sessions.forEach(s -> out.put(s.peer(), learned.size(s.peer())));
        return out;
    }

    // ---- inputs (any thread) ----

    @Override
    public void portAdded(Port port) {
        thread.execute(() -> {
            ports.remove(port.id());
            ports.put(port.id(), port);
            markDirty();
        });
    }

    @Override
    public void portDeleted(Port port) {
        thread.execute(() -> {
            ports.remove(port.id());
            markDirty();
        });
    }

    @Override
    public void sessionUp(ControlNodeSession session) {
        thread.execute(() -> {
            long id = ++sessionsSeen;
            up.put(session.peer(), id);
            sent.put(session.peer(), Advertisement.NOTHING);
            if (configPeer.isEmpty()) {
                becomeConfigPeer(session.peer());
            }
            thread.schedule(() -> sweepRoutesWithoutEndOfRib(session, id), endOfRibTimeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            markDirty();
        });
    }

    @Override
    public void sessionDown(ControlNodeSession session, String reason) {
        thread.execute(() -> {
            up.remove(session.peer());
            endOfRibSent.remove(session.peer());
            sent.remove(session.peer());
            ribComplete.remove(session.peer());
            learned.peerDown(session.peer());
            if (configPeer.filter(session.peer()::equals).isPresent()) {
                configPeer = Optional.empty();
                sessions.stream().map(ControlNodeSession::peer).filter(up::containsKey).findFirst()
                        .ifPresent(this::becomeConfigPeer);
            }
            log.info("control node {} down ({}); its {} routes stay installed until it returns",
                    session.peer(), reason, learned.size(session.peer()));
            markDirty();
        });
    }

    @Override
    public void configReceived(ControlNodeSession session, List<ConfigItem> items) {
        thread.execute(() -> {
            if (configPeer.filter(session.peer()::equals).isEmpty()) {
                return;
            }
            boolean changed = false;
            for (ConfigItem item : items) {
                changed |= image.apply(item);
            }
            if (changed) {
                markDirty();
            }
        });
    }

    @Override
    public void routesReceived(ControlNodeSession session, RouteUpdateEvent event) {
        thread.execute(() -> {
            Advertisement subscribed = sent.get(session.peer());
            if (!event.isEndOfRib() && (subscribed == null || !subscribed.instances().containsKey(event.instance()))) {
                return; // sent before the control node read this agent's unsubscribe: the instance is left
            }
            boolean changed = learned.apply(session.peer(), event);
            if (event.isEndOfRib()) {
                ribReceived(session.peer());
                changed = true;
            }
            if (changed) {
                markDirty();
            }
        });
    }

    // ---- controller thread ----

    /**
     * {@code peer} has sent its whole RIB. The paths of control nodes that are down are dropped {@code
     * endOfRibTimeout} later, not at once: the returning node's RIB lacks the routes of agents that have not
     * reconnected to it yet, and the down nodes' paths carry that traffic until they have.
     */
    private void ribReceived(String peer) {
        ribComplete.add(peer);
        Long session = up.get(peer);
        thread.schedule(() -> {
            if (session == null || !Objects.equals(up.get(peer), session)) {
                return; // that session is gone: while headless every path stays
            }
            int removed = 0;
            for (ControlNodeSession s : sessions) {
                if (!up.containsKey(s.peer())) {
                    removed += learned.forget(s.peer());
                }
            }
            if (removed > 0) {
                log.info("{} after control node {} re-sent its routes: {} paths of control nodes that are down removed",
                        endOfRibTimeout, peer, removed);
                markDirty();
            }
        }, endOfRibTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void becomeConfigPeer(String peer) {
        configPeer = Optional.of(peer);
        image.beginResync();
        log.info("config peer is now {}; config not re-sent within {} s will be removed", peer, configCleanup.toSeconds());
        Long session = up.get(peer);
        thread.schedule(() -> {
            // Only while the same session of the same peer is still the config peer: a lost peer's cleanup
            // would remove config nobody re-sent, and the agent keeps what it has while headless.
            if (configPeer.filter(peer::equals).isPresent() && Objects.equals(up.get(peer), session)) {
                int removed = image.sweepStale();
                configSettled = true;
                log.info("config cleanup after resync from {}: {} stale objects removed", peer, removed);
                markDirty();
            }
        }, configCleanup.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweepRoutesWithoutEndOfRib(ControlNodeSession session, long id) {
        if (!Objects.equals(up.get(session.peer()), id) || ribComplete.contains(session.peer())) {
            return;
        }
        int removed = learned.sweepStale(session.peer());
        ribReceived(session.peer());
        log.info("control node {} sent no End-of-RIB within {} s: {} stale routes removed", session.peer(),
                endOfRibTimeout.toSeconds(), removed);
        markDirty();
    }

    private void markDirty() {
        if (!dirty) {
            dirty = true;
            thread.execute(this::recompute);
        }
    }

    private void recompute() {
        long started = System.nanoTime();
        recomputeOnce();
        long took = System.nanoTime() - started;
        recomputeObservers.forEach(o -> o.accept(took));
    }

    private void recomputeOnce() {
        dirty = false;
        recomputes++;
        List<TunnelEncapsulation> encaps = EncapsulationPriorities.of(image, dataplaneEncapsulations);
        encapsulations = encaps;
        OperTables previous = tables;
        // until the tables are complete after the start, numbers without a user are kept for what comes back
        OperTables current = builder.build(image, ports.values(), learned.best(), encaps,
                complete ? OperTablesBuilder.Unused.RELEASE : OperTablesBuilder.Unused.KEEP);
        boolean completeNow = !complete && completed(current);
        if (completeNow) {
            current = builder.build(image, ports.values(), learned.best(), encaps, OperTablesBuilder.Unused.RELEASE);
        }
        tables = current;
        if (!current.equals(previous)) {
            for (TablesListener l : listeners) {
                try {
                    l.tablesChanged(previous, current);
                } catch (RuntimeException e) {
                    log.error("tables listener {} failed", l.getClass().getSimpleName(), e);
                }
            }
        }
        if (completeNow) {
            complete = true;
            log.info("tables complete after the start: {} interfaces, {} routes", current.interfaces().size(),
                    current.routes().size());
            for (TablesListener l : listeners) {
                l.tablesComplete();
            }
        }
        for (ControlNodeSession s : sessions) {
            Advertisement before = sent.get(s.peer());
            if (before == null || !s.established()) {
                continue;
            }
            Advertisement owed = Advertisement.of(properties.host().name(), properties.host().fabricAddress(),
                    ports.values(), current, encaps);
            if (configPeer.filter(s.peer()::equals).isEmpty()) {
                owed = new Advertisement(new TreeSet<>(), owed.instances(), owed.routes());
            }
            boolean delivered = true;
            for (AdvertisementPlan.Step step : AdvertisementPlan.between(before, owed)) {
                delivered = step.config() ? s.sendConfig(step.request()) : s.sendRouting(step.request());
                if (!delivered) {
                    break;
                }
            }
            if (delivered && complete && endOfRibSent.add(s.peer())) {
                s.sendRouting(new PubSubRequest.EndOfRib());
            }
            sent.put(s.peer(), owed);
            forgetLeftInstances(s.peer(), before, owed);
        }
    }

    /**
     * Drops the routes learned in the routing instances {@code peer} was just unsubscribed from (left, or
     * re-subscribed under a new number): it sends no withdrawal for them to an agent that is not subscribed.
     */
    private void forgetLeftInstances(String peer, Advertisement before, Advertisement owed) {
        int forgotten = 0;
        for (var instance : before.instances().entrySet()) {
            if (!instance.getValue().equals(owed.instances().get(instance.getKey()))) {
                forgotten += learned.forgetInstance(peer, instance.getKey());
            }
        }
        if (forgotten > 0) {
            markDirty();
        }
    }

    /** The config peer's RIB is in and every port has its config (or the config cleanup ran). */
    private boolean completed(OperTables current) {
        if (configPeer.isEmpty() || !ribComplete.contains(configPeer.get())) {
            return false;
        }
        return configSettled || ports.keySet().stream().allMatch(id -> {
            var i = current.interfaces().get(id);
            return i != null && i.active();
        });
    }

    @Override
    public void close() {
        if (thread.isShutdown()) {
            return;
        }
        sessions.forEach(ControlNodeSession::close);
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }
}
