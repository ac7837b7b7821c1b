package io.filament.agent.status;

import io.filament.agent.dataplane.DataplaneProgrammer;
import io.filament.agent.dataplane.wire.DataplaneReply;
import io.filament.agent.oper.OperTables;
import io.filament.agent.oper.VmInterface;
import io.filament.agent.runtime.AgentRuntime;
import io.filament.agent.xmpp.session.SessionStatus;
import io.filament.contracts.net.IpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every {@code interval}, on its own thread ({@code status}): reads the dataplane's counters and finished flows,
 * publishes {@code ObjectVRouter:<host>} and one {@code ObjectVMITable:<vmi>} per port on
 * {@code filament.status.v1} (a port that went away once more with {@code deleted=true}), and the flow records
 * on {@code filament.flows.v1} keyed by the vRouter name. Keeps the latest counters and recent flows for
 * introspection and metrics.
 */
public final class StatusReporter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatusReporter.class);
    private static final int FLOW_BATCH = 1024;
    private static final int RECENT_FLOWS = 256;

    private final String host;
    private final String statusTopic;
    private final String flowsTopic;
    private final String source;
    private final AgentRuntime runtime;
    private final DataplaneProgrammer dataplane;
    private final GuardedPublisher publisher;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private final ArrayDeque<DataplaneReply.FlowRecord> recentFlows = new ArrayDeque<>();
    private volatile Optional<DataplaneReply.Counters> counters = Optional.empty();
    private volatile long flowRecords;
    private Set<UUID> reported = new HashSet<>();

    public StatusReporter(String host, AgentRuntime runtime, DataplaneProgrammer dataplane, GuardedPublisher publisher,
                          Clock clock, Duration interval, String statusTopic, String flowsTopic) {
        this.host = host;
        this.statusTopic = statusTopic;
        this.flowsTopic = flowsTopic;
        this.source = "/filament/vrouter-agent/" + host;
        this.runtime = runtime;
        this.dataplane = dataplane;
        this.publisher = publisher;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "status");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::report, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Optional<DataplaneReply.Counters> counters() {
        return counters;
    }

    public long flowRecords() {
        return flowRecords;
    }

    public synchronized List<DataplaneReply.FlowRecord> recentFlows() {
        return new ArrayList<>(recentFlows);
    }

    private void report() {
        try {
            counters = dataplane.counters();
            Instant now = clock.instant();
            for (DataplaneReply.FlowRecord f : dataplane.flowRecords(FLOW_BATCH)) {
                flowRecords++;
                remember(f);
                publisher.publish(KafkaRecords.record(flowsTopic, host, source, "io.filament.flow.record", now,
                        FlowJson.of(host, f)));
            }
            OperTables t = runtime.tables();
            publish(new StatusRecord("ObjectVRouter", host, host + ":vrouter-agent", now, false, vrouter(t)));
            Set<UUID> present = new HashSet<>(t.interfaces().keySet());
            for (VmInterface i : t.interfaces().values()) {
                publish(new StatusRecord("ObjectVMITable", i.portId().toString(), host + ":vrouter-agent", now, false,
                        vmi(i)));
            }
            for (UUID gone : reported) {
                if (!present.contains(gone)) {
                    publish(new StatusRecord("ObjectVMITable", gone.toString(), host + ":vrouter-agent", now, true,
                            Map.of()));
                }
            }
            reported = present;
        } catch (RuntimeException e) {
            log.warn("status report failed: {}", e.toString());
        }
    }

    private synchronized void remember(DataplaneReply.FlowRecord f) {
        recentFlows.addLast(f);
        while (recentFlows.size() > RECENT_FLOWS) {
            recentFlows.removeFirst();
        }
    }

    private void publish(StatusRecord r) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("table", r.table());
        value.put("key", r.key());
        value.put("source", r.source());
        value.put("time", r.time().toString());
        value.put("deleted", r.deleted());
        value.put("attributes", r.attributes());
        publisher.publish(KafkaRecords.record(statusTopic, r.kafkaKey(), source,
                "io.filament.status." + r.table(), r.time(), value));
    }

    private Map<String, Object> vrouter(OperTables t) {
        Map<String, Object> a = new LinkedHashMap<>();
        List<Map<String, Object>> peers = new ArrayList<>();
        for (SessionStatus s : runtime.sessions()) {
            peers.add(Map.of("peer", s.peer(), "state", s.state().name(), "since", s.since().toString(),
                    "flaps", s.flaps(), "sent", s.sent(), "received", s.received()));
        }
        a.put("xmpp_peers", peers);
        a.put("config_peer", runtime.configPeer().orElse(""));
        a.put("interfaces", t.interfaces().size());
        a.put("active_interfaces", t.interfaces().values().stream().filter(VmInterface::active).count());
        a.put("vrfs", t.vrfs().size());
        a.put("routes", t.routes().size());
        a.put("next_hops", t.nextHops().size());
        a.put("dataplane_connected", dataplane.connected());
        counters.ifPresent(c -> {
            a.put("drops", c.drops().stream().collect(java.util.stream.Collectors.toMap(
                    DataplaneReply.DropCount::reason, DataplaneReply.DropCount::packets, Long::sum, LinkedHashMap::new)));
            a.put("fabric_rx_packets", c.fabric().rxPackets());
            a.put("fabric_tx_packets", c.fabric().txPackets());
        });
        return a;
    }

    private static Map<String, Object> vmi(VmInterface i) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("tap", i.tapName());
        a.put("mac", i.mac().toString());
        a.put("ip_address", i.address().map(IpAddress::toString).orElse(""));
        a.put("virtual_network", i.virtualNetwork());
        a.put("active", i.active());
        i.vrfIndex().ifPresent(v -> a.put("vrf", v));
        i.label().ifPresent(l -> a.put("label", l));
        return a;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        publisher.close();
    }
}
