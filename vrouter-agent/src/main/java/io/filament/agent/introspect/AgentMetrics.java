package io.filament.agent.introspect;

import io.filament.agent.dataplane.DataplaneProgrammer;
import io.filament.agent.dataplane.wire.DataplaneReply;
import io.filament.agent.dhcp.server.DhcpResponder;
import io.filament.agent.oper.VmInterface;
import io.filament.agent.runtime.AgentRuntime;
import io.filament.agent.status.StatusReporter;
import io.filament.agent.xmpp.session.PeerState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * {@code filament_vrouter_*} metrics: packets and bytes (dataplane counters, all VM interfaces and the fabric),
 * drops by reason, flows seen, interfaces, VRFs, routes, XMPP peers by state, the duration of each recompute (a
 * histogram), port configs resolved and reused, DHCP replies and dataplane requests. Low-cardinality labels only.
 */
@Component
class AgentMetrics implements MeterBinder {

    /** Histogram buckets of the recompute time: a port's whole path to the first packet is tens of milliseconds. */
    private static final Duration[] RECOMPUTE_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2),
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(500)};

    private final AgentRuntime runtime;
    private final DataplaneProgrammer dataplane;
    private final StatusReporter status;
    private final DhcpResponder dhcp;
    private final Set<String> dropReasons = new HashSet<>();

    AgentMetrics(AgentRuntime runtime, DataplaneProgrammer dataplane, StatusReporter status, DhcpResponder dhcp) {
        this.runtime = runtime;
        this.dataplane = dataplane;
        this.status = status;
        this.dhcp = dhcp;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "filament.vrouter.packets", "rx", "packets received", c -> sum(c, true, true));
        counter(registry, "filament.vrouter.packets", "tx", "packets sent", c -> sum(c, false, true));
        counter(registry, "filament.vrouter.bytes", "rx", "bytes received", c -> sum(c, true, false));
        counter(registry, "filament.vrouter.bytes", "tx", "bytes sent", c -> sum(c, false, false));
        FunctionCounter.builder("filament.vrouter.flows", status, StatusReporter::flowRecords)
                .description("flow records read from the dataplane").register(registry);
        Gauge.builder("filament.vrouter.interfaces", runtime,
                r -> r.tables().interfaces().values().stream().filter(VmInterface::active).count())
                .description("VM interfaces with config").register(registry);
        Gauge.builder("filament.vrouter.vrfs", runtime, r -> r.tables().vrfs().size()).register(registry);
        Gauge.builder("filament.vrouter.routes", runtime, r -> r.tables().routes().size()).register(registry);
        for (PeerState state : PeerState.values()) {
            Gauge.builder("filament.vrouter.xmpp.peers", runtime,
                    r -> r.sessions().stream().filter(s -> s.state() == state).count())
                    .tag("state", state.name().toLowerCase()).description("XMPP sessions to control nodes by state")
                    .register(registry);
        }
        Timer recompute = Timer.builder("filament.vrouter.recompute")
                .description("time of one recompute: oper tables built, listeners told, control nodes sent their part")
                .serviceLevelObjectives(RECOMPUTE_BUCKETS).register(registry);
        runtime.addRecomputeObserver(nanos -> recompute.record(nanos, TimeUnit.NANOSECONDS));
        FunctionCounter.builder("filament.vrouter.port.configs", runtime, r -> r.portConfigCounts().resolved())
                .tag("outcome", "resolved").description("port configs a recompute resolved from the config image")
                .register(registry);
        FunctionCounter.builder("filament.vrouter.port.configs", runtime, r -> r.portConfigCounts().reused())
                .tag("outcome", "reused").description("port configs reused: nothing they were read from changed")
                .register(registry);
        FunctionCounter.builder("filament.vrouter.dhcp.replies", dhcp, DhcpResponder::replies).register(registry);
        FunctionCounter.builder("filament.vrouter.dhcp.replies.after.hold", dhcp, DhcpResponder::answeredAfterHold)
                .description("DHCP replies to requests held until the port's config arrived").register(registry);
        FunctionCounter.builder("filament.vrouter.dataplane.requests", dataplane, DataplaneProgrammer::requests)
                .register(registry);
        FunctionCounter.builder("filament.vrouter.dataplane.refused", dataplane, DataplaneProgrammer::refused)
                .register(registry);
        Gauge.builder("filament.vrouter.drops.reasons", this, m -> m.registerDrops(registry))
                .description("distinct drop reasons reported by the dataplane").register(registry);
    }

    /** Registers a drops counter for every reason the dataplane has reported so far; returns how many. */
    private synchronized double registerDrops(MeterRegistry registry) {
        status.counters().ifPresent(c -> c.drops().forEach(d -> {
            if (dropReasons.add(d.reason())) {
                FunctionCounter.builder("filament.vrouter.drops", status, s -> s.counters().flatMap(x -> x.drops().stream()
                                .filter(y -> y.reason().equals(d.reason())).findFirst()).map(DataplaneReply.DropCount::packets)
                                .orElse(0L))
                        .tag("reason", d.reason()).description("packets dropped by the dataplane").register(registry);
            }
        }));
        return dropReasons.size();
    }

    private void counter(MeterRegistry registry, String name, String direction, String description,
                         ToLongFunction<DataplaneReply.Counters> read) {
        FunctionCounter.builder(name, status, s -> s.counters().map(read::applyAsLong).orElse(0L))
                .tag("direction", direction).description(description).register(registry);
    }

    private static long sum(DataplaneReply.Counters c, boolean rx, boolean packets) {
        long total = 0;
        for (DataplaneReply.InterfaceCounters i : c.interfaces()) {
            total += rx ? (packets ? i.rxPackets() : i.rxBytes()) : (packets ? i.txPackets() : i.txBytes());
        }
        return total;
    }
}
