package io.filament.control.desired;

import io.filament.control.config.ConfigGraph;
import io.filament.control.config.NodeKey;
import io.filament.control.rib.RibService;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Hands desired-state changes to their owners: instance targets to the RIB thread, nodes to the config thread. */
public final class DesiredStateApplier {

    private final RibService rib;
    private final io.filament.control.config.ConfigService config;

    public DesiredStateApplier(RibService rib, io.filament.control.config.ConfigService config) {
        this.rib = rib;
        this.config = config;
    }

    /** Applies a batch in order; the config side is applied as one change, so agents get one delta. */
    public CompletableFuture<Void> apply(List<DesiredChange> changes) {
        List<Consumer<ConfigGraph>> graph = new ArrayList<>();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (DesiredChange c : changes) {
            switch (c) {
                case DesiredChange.RoutingInstance ri -> {
                    done.add(rib.applySpec(ri.spec()));
                    graph.add(g -> g.put(ri.node()));
                }
                case DesiredChange.AccessControlList acl -> graph.add(g -> g.put(acl.node()));
                case DesiredChange.Removed r -> removed(r, graph, done);
                case DesiredChange.NotUsed n -> {
                }
            }
        }
        done.add(config.change(g -> graph.forEach(step -> step.accept(g))));
        return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
    }

    private void removed(DesiredChange.Removed r, List<Consumer<ConfigGraph>> graph, List<CompletableFuture<Void>> done) {
        switch (r.type()) {
            case "routing-instance" -> {
                done.add(rib.removeSpec(r.id()));
                graph.add(g -> g.remove(new NodeKey("routing-instance", r.id())));
            }
            case "network-acl", "security-group-acl" -> graph.add(g -> g.remove(new NodeKey("access-control-list", r.id())));
            default -> {
            }
        }
    }
}
