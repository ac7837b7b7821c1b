package io.filament.agent.status;

import io.filament.agent.dataplane.DataplaneProgrammer;
import io.filament.agent.dataplane.wire.DataplaneReply;
import io.filament.agent.oper.OperTables;
import io.filament.agent.oper.VmInterface;
import io.filament.agent.runtime.AgentRuntime;
import io.filament.contracts.InvalidValueException;
import io.filament.contracts.status.FlowReport;
import io.filament.contracts.status.InvalidStatusRecordException;
import io.filament.contracts.status.StatusMessages;
import io.filament.contracts.status.StatusReport;
import io.filament.contracts.status.StatusTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * On its own thread ({@code status}): every flow interval, reads the flow records the dataplane queued and publishes
 * each flow's forward and reverse records on {@code filament.flows.v1} keyed by the host name; every status
 * interval, reads the dataplane's counters and publishes {@code ObjectVRouter:<host>}, one {@code ObjectVMITable:<vmi fq name>} per configured port, this host's
 * part of {@code ObjectVNTable:<vn fq name>} per network it has a configured port in, and the config versions the
 * dataplane holds as {@code ObjectConfigRealisation:<type>:<uuid>} on {@code filament.status.v1} (a key this host no
 * longer contributes to is withdrawn with {@code deleted=true}); all in the shared format of {@code io.filament.contracts.status}
 * with {@code ce_source} {@code agent/<host>}. Keeps the latest counters and recent flows for introspection and
 * metrics.
 *
 * <p>Closing it ends the rounds (a round under way finishes first), then withdraws this host's part of every key it
 * still holds and waits for those records to be sent, as a stopping TF agent's UVEs go, so that the merged views no
 * longer show a stopped host's interfaces. The keys held are kept in the state directory, so that an agent that
 * was killed withdraws, after its restart, those it does not report again.
 */
public final class StatusReporter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatusReporter.class);
    private static final int FLOW_BATCH = 1024;
    private static final int RECENT_FLOWS = 256;
    private static final Duration ROUND_END_WAIT = Duration.ofSeconds(5);

    private final String statusTopic;
    private final String flowsTopic;
    private final AgentRuntime runtime;
    private final DataplaneProgrammer dataplane;
    private final GuardedPublisher publisher;
    private final Clock clock;
    private final VrouterReports reports;
    private final NetworkReports networks;
    private final Function<UUID, Optional<UUID>> vmOf;
    private final FlowReports flows;
    private final StatusMessages messages;
    private final ScheduledExecutorService thread;
    private final ArrayDeque<DataplaneReply.FlowRecord> recentFlows = new ArrayDeque<>();
    private final AtomicLong flowRecords = new AtomicLong();
    private final AtomicLong flowRecordsInvalid = new AtomicLong();
    private final ContributedKeys contributed;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Optional<DataplaneReply.Counters> counters = Optional.empty();

    /**
     * @param vmOf           the VM a port belongs to (the port API's {@code instance-id}), for the networks'
     *                       {@code vm_list}
     * @param stateDirectory where the keys this host reported are kept across restarts ({@link ContributedKeys})
     */
    public StatusReporter(String host, String fabricAddress, AgentRuntime runtime, DataplaneProgrammer dataplane,
                          Function<UUID, Optional<UUID>> vmOf, Path stateDirectory, GuardedPublisher publisher,
                          Clock clock, Intervals intervals, String statusTopic, String flowsTopic) {
        this.statusTopic = statusTopic;
        this.flowsTopic = flowsTopic;
        this.runtime = runtime;
        this.dataplane = dataplane;
        this.publisher = publisher;
        this.clock = clock;
        this.reports = new VrouterReports(host, fabricAddress, buildInfo());
        this.networks = new NetworkReports(reports.source());
        this.vmOf = vmOf;
        this.contributed = ContributedKeys.keptIn(stateDirectory);
        this.flows = new FlowReports(host, fabricAddress);
        this.messages = new StatusMessages(clock);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "status");
            t.setDaemon(true);
            return t;
        });
        long status = intervals.status().toMillis();
        long flowsEvery = intervals.flows().toMillis();
        thread.scheduleWithFixedDelay(this::exportFlows, flowsEvery, flowsEvery, TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(this::report, status, status, TimeUnit.MILLISECONDS);
    }

    /**
     * @param status how often the status records are published
     * @param flows  how often the dataplane's queued flow records are read and published
     */
    public record Intervals(Duration status, Duration flows) {
        public Intervals {
            if (status.isNegative() || status.isZero() || flows.isNegative() || flows.isZero()) {
                throw new IllegalArgumentException("status and flow intervals must be positive, not " + status
                        + " and " + flows);
            }
        }

        /** The same interval for both. */
        public static Intervals both(Duration interval) {
            return new Intervals(interval, interval);
        }
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

    private void exportFlows() {
        try {
            OperTables t = runtime.tables();
            for (DataplaneReply.FlowRecord f : dataplane.flowRecords(FLOW_BATCH)) {
                flowRecords.incrementAndGet();
                remember(f);
                publishFlow(f, t);
            }
        } catch (RuntimeException e) {
            log.warn("flow export failed: {}", e.toString());
        }
    }

    private void report() {
        try {
            counters = dataplane.counters();
            Instant now = clock.instant();
            OperTables t = runtime.tables();
            boolean settled = runtime.complete();
            StatusReport vrouter = reports.vrouter(t, runtime.sessions(), runtime.configPeer(), counters, now);
            publishTable(StatusTable.VROUTER, Map.of(vrouter.key(), vrouter), settled, now);
            Map<String, StatusReport> ports = new LinkedHashMap<>();
            for (VmInterface i : t.interfaces().values()) {
                reports.vmi(i, t, now).ifPresent(r -> ports.put(r.key(), r));
            }
            publishTable(StatusTable.VIRTUAL_MACHINE_INTERFACE, ports, settled, now);
            publishTable(StatusTable.VIRTUAL_NETWORK, networks.of(t, vmOf, counters, now), settled, now);
            Map<String, StatusReport> realisations = new LinkedHashMap<>();
            VrouterReports.realised(dataplane.programmedTables())
                    .forEach((key, version) -> realisations.put(key, reports.realisation(key, version, now)));
            publishTable(StatusTable.CONFIG_OBJECT, realisations, settled, now);
        } catch (RuntimeException e) {
            log.warn("status report failed: {}", e.toString());
        }
    }

    /**
     * Publishes this round's part of {@code table}, then withdraws the keys of it this host no longer holds (those
     * an earlier run left only once the tables are settled).
     */
    private void publishTable(StatusTable table, Map<String, StatusReport> present, boolean settled, Instant now) {
        present.values().forEach(this::publish);
        for (String gone : contributed.replace(table, present.keySet(), settled)) {
            publish(reports.withdrawn(table, gone, now));
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
        try {
            publisher.publish(KafkaRecords.of(statusTopic, messages.status(r)));
        } catch (InvalidStatusRecordException e) {
            log.warn("status of {} not published: {}", r.recordKey(), e.getMessage());
        }
    }

    /** Withdraws this host's part of every key it holds; returns how many records that took. */
    private int withdrawAll() {
        Instant now = clock.instant();
        int withdrawn = 0;
        for (Map.Entry<StatusTable, SortedSet<String>> table : contributed.drain().entrySet()) {
            for (String key : table.getValue()) {
                publish(reports.withdrawn(table.getKey(), key, now));
                withdrawn++;
            }
        }
        return withdrawn;
    }

    private static String buildInfo() {
        String version = StatusReporter.class.getPackage().getImplementationVersion();
        return "filament vrouter-agent " + (version == null ? "development build" : version);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        thread.shutdown();
        try {
            if (!thread.awaitTermination(ROUND_END_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
        try {
            int withdrawn = withdrawAll();
            log.info("withdrew this host's part of {} UVEs", withdrawn);
        } finally {
            publisher.close();
        }
    }
}
