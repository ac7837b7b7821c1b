package io.filament.agent.status;

import io.filament.agent.dataplane.DataplaneProgrammer;
import io.filament.agent.dataplane.wire.DataplaneReply;
import io.filament.agent.oper.OperTables;
import io.filament.agent.oper.VmInterface;
import io.filament.agent.runtime.AgentRuntime;
import io.filament.contracts.InvalidValueException;
import io.filament.contracts.status.FlowReport;
import io.filament.contracts.status.StatusMessages;
import io.filament.contracts.status.StatusReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every {@code interval}, on its own thread ({@code status}): reads the dataplane's counters and finished flows,
 * publishes {@code ObjectVRouter:<host>} and one {@code ObjectVMITable:<vmi fq name>} per configured port on
 * {@code filament.status.v1} (a port that went away is withdrawn with {@code deleted=true}), the config versions
 * the dataplane holds as {@code ObjectConfigRealisation:<type>:<uuid>}, and each flow's
 * forward and reverse records on {@code filament.flows.v1} keyed by the host name, all in the shared format of
 * {@code io.filament.contracts.status} with {@code ce_source} {@code agent/<host>}. Keeps the latest counters
 * and recent flows for introspection and metrics.
 */
public final class StatusReporter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatusReporter.class);
    private static final int FLOW_BATCH = 1024;
    private static final int RECENT_FLOWS = 256;

    private final String statusTopic;
    private final String flowsTopic;
    private final AgentRuntime runtime;
    private final DataplaneProgrammer dataplane;
    private final GuardedPublisher publisher;
    private final Clock clock;
    private final VrouterReports reports;
    private final FlowReports flows;
    private final StatusMessages messages;
    private final ScheduledExecutorService thread;
    private final ArrayDeque<DataplaneReply.FlowRecord> recentFlows = new ArrayDeque<>();
    private final AtomicLong flowRecords = new AtomicLong();
    private final AtomicLong flowRecordsInvalid = new AtomicLong();
    private volatile Optional<DataplaneReply.Counters> counters = Optional.empty();
    private Set<String> reportedPorts = new HashSet<>();
    private Set<String> reportedRealisations = Set.of();

    public StatusReporter(String host, String fabricAddress, AgentRuntime runtime, DataplaneProgrammer dataplane,
                          GuardedPublisher publisher, Clock clock, Duration interval, String statusTopic,
                          String flowsTopic) {
        this.statusTopic = statusTopic;
        this.flowsTopic = flowsTopic;
        this.runtime = runtime;
        this.dataplane = dataplane;
        this.publisher = publisher;
        this.clock = clock;
        this.reports = new VrouterReports(host, fabricAddress, buildInfo());
        this.flows = new FlowReports(host, fabricAddress);
        this.messages = new StatusMessages(clock);
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

    /** Flows read from the dataplane since start. */
    public long flowRecords() {
        return flowRecords.get();
    }

    /** Flows the dataplane reported that no valid flow record could be made of (e.g. no start time). */
    public long flowRecordsInvalid() {
        return flowRecordsInvalid.get();
    }

    public synchronized List<DataplaneReply.FlowRecord> recentFlows() {
        return new ArrayList<>(recentFlows);
    }

    private void report() {
        try {
            counters = dataplane.counters();
            Instant now = clock.instant();
            OperTables t = runtime.tables();
            for (DataplaneReply.FlowRecord f : dataplane.flowRecords(FLOW_BATCH)) {
                flowRecords.incrementAndGet();
                remember(f);
                publishFlow(f, t);
            }
            publish(reports.vrouter(t, runtime.sessions(), runtime.configPeer(), counters, now));
            Set<String> present = new HashSet<>();
            for (VmInterface i : t.interfaces().values()) {
                reports.vmi(i, t, now).ifPresent(r -> {
                    present.add(r.key());
                    publish(r);
                });
            }
            for (String gone : reportedPorts) {
                if (!present.contains(gone)) {
                    publish(reports.vmiWithdrawn(gone, now));
                }
            }
            reportedPorts = present;
            Map<String, Long> realised = VrouterReports.realised(dataplane.programmedTables());
            realised.forEach((key, version) -> publish(reports.realisation(key, version, now)));
            for (String gone : reportedRealisations) {
                if (!realised.containsKey(gone)) {
                    publish(reports.realisationWithdrawn(gone, now));
                }
            }
            reportedRealisations = realised.keySet();
        } catch (RuntimeException e) {
            log.warn("status report failed: {}", e.toString());
        }
    }

    private void publishFlow(DataplaneReply.FlowRecord f, OperTables t) {
        List<FlowReport> records;
        try {
            records = flows.of(f, t);
        } catch (InvalidValueException | ArithmeticException e) {
            flowRecordsInvalid.incrementAndGet();
            log.debug("flow not reported: {}", e.getMessage());
            return;
        }
        for (FlowReport r : records) {
            publisher.publish(KafkaRecords.of(flowsTopic, messages.flow(reports.source(), r)));
        }
    }

    private synchronized void remember(DataplaneReply.FlowRecord f) {
        recentFlows.addLast(f);
        while (recentFlows.size() > RECENT_FLOWS) {
            recentFlows.removeFirst();
        }
    }

    private void publish(StatusReport r) {
        publisher.publish(KafkaRecords.of(statusTopic, messages.status(r)));
    }

    private static String buildInfo() {
        String version = StatusReporter.class.getPackage().getImplementationVersion();
        return "filament vrouter-agent " + (version == null ? "development build" : version);
    }

    @Override
    public void close() {
        thread.shutdownNow();
        publisher.close();
    }
}
