package io.filament.control.status;

import io.filament.control.ControlNode;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.concurrent.atomic.AtomicLong;

/** Prometheus metrics of the control node: sessions, routes, updates sent, config objects pushed. */
public final class ControlNodeMetrics implements MeterBinder {

    private final ControlNode node;

    public ControlNodeMetrics(ControlNode node) {
        this.node = node;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        ControlNodeCounters c = node.counters();
        Gauge.builder("filament.control.xmpp.sessions", node.peers(), p -> p.establishedCount())
                .description("Established agent XMPP sessions").register(registry);
        Gauge.builder("filament.control.rib.paths", node.rib(), r -> r.pathCount())
                .description("Paths in all routing-instance tables, replicas included").register(registry);
        Gauge.builder("filament.control.rib.instances", node.rib(), r -> r.instanceCount())
                .description("Routing instances in the RIB").register(registry);
        counter(registry, "filament.control.xmpp.sessions.established", c.sessionsEstablished, "Sessions that reached Established");
        counter(registry, "filament.control.route.items.sent", c.routeItemsSent, "Route items sent to agents");
        counter(registry, "filament.control.route.retracts.sent", c.routeRetractsSent, "Route retracts sent to agents");
        counter(registry, "filament.control.route.messages.sent", c.updateMessagesSent, "Route update messages sent");
        counter(registry, "filament.control.routes.received", c.routesReceived, "Route items accepted from agents");
        counter(registry, "filament.control.items.rejected", c.itemsRejected, "Route items rejected");
        counter(registry, "filament.control.config.objects.pushed", c.configObjectsPushed, "Config objects pushed to agents");
    }

    private static void counter(MeterRegistry registry, String name, AtomicLong value, String description) {
        FunctionCounter.builder(name, value, AtomicLong::get).description(description).register(registry);
    }
}
