package io.filament.control.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Owns the {@link ConfigGraph} on one thread ("config") and keeps every connected agent's pushed subgraph
 * current: after each batch of changes it walks each agent's subgraph again and pushes the difference to what
 * the agent holds. The names of known virtual-routers are published for session authorization.
 */
public final class ConfigService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConfigService.class);

    private record Agent(ConfigOutSink sink, ConfigSubgraph held) {
    }

    private final ConfigGraph graph = new ConfigGraph();
    private final Map<String, Agent> agents = new HashMap<>();
    private final Set<String> virtualRouters = ConcurrentHashMap.newKeySet();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "config");
        t.setDaemon(true);
        return t;
    });

    public static NodeKey virtualRouterKey(String hostname) {
        return new NodeKey("virtual-router", "default-global-system-config:" + hostname);
    }

    /** Applies a batch of graph changes, then pushes what changed for each agent. */
    public CompletableFuture<Void> change(Consumer<ConfigGraph> batch) {
        return CompletableFuture.runAsync(() -> {
            batch.accept(graph);
            refreshVirtualRouters();
            agents.keySet().forEach(this::sync);
        }, thread);
    }

    public CompletableFuture<Void> agentUp(String hostname, ConfigOutSink sink) {
        return CompletableFuture.runAsync(() -> {
            agents.put(hostname, new Agent(sink, ConfigSubgraph.EMPTY));
            sync(hostname);
        }, thread);
    }

    public CompletableFuture<Void> subscribeVirtualMachine(String hostname, String vmUuid, boolean subscribe) {
        return CompletableFuture.runAsync(() -> {
            if (subscribe) {
                graph.subscribeVirtualMachine(virtualRouterKey(hostname), vmUuid);
            } else {
                graph.unsubscribeVirtualMachine(virtualRouterKey(hostname), vmUuid);
            }
            if (agents.containsKey(hostname)) {
                sync(hostname);
            }
        }, thread);
    }

    public CompletableFuture<Void> agentDown(String hostname) {
        return CompletableFuture.runAsync(() -> agents.remove(hostname), thread);
    }

    public boolean isVirtualRouter(String hostname) {
        return virtualRouters.contains(hostname);
    }

    /** The subgraph an agent is owed now, whether or not it is connected. */
    public CompletableFuture<ConfigSubgraph> owed(String hostname) {
        return CompletableFuture.supplyAsync(() -> GraphWalker.walk(graph, virtualRouterKey(hostname)), thread);
    }

    public <T> CompletableFuture<T> read(Function<ConfigGraph, T> query) {
        return CompletableFuture.supplyAsync(() -> query.apply(graph), thread);
    }

    private void sync(String hostname) {
        Agent agent = agents.get(hostname);
        ConfigSubgraph owed = GraphWalker.walk(graph, virtualRouterKey(hostname));
        List<ConfigItem> delta = ConfigDelta.between(agent.held(), owed);
        if (!delta.isEmpty()) {
            agent.sink().push(delta);
            agents.put(hostname, new Agent(agent.sink(), owed));
            log.info("config for {}: {} objects pushed ({} nodes now held)", hostname, delta.size(), owed.nodes().size());
        }
    }

    private void refreshVirtualRouters() {
        virtualRouters.clear();
        graph.nodesOfType("virtual-router").forEach(k -> virtualRouters.add(k.name().substring(k.name().indexOf(':') + 1)));
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
