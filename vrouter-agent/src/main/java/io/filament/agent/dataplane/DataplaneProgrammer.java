package io.filament.agent.dataplane;

import io.filament.agent.dataplane.client.DataplaneClient;
import io.filament.agent.dataplane.client.DataplaneException;
import io.filament.agent.dataplane.wire.DataplaneReply;
import io.filament.agent.dataplane.wire.DataplaneRequest;
import io.filament.agent.oper.OperTables;
import io.filament.agent.runtime.TablesListener;
import io.github.resilience4j.core.IntervalFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Keeps the dataplane equal to the oper tables, on its own thread ({@code dataplane}): each new set of tables is
 * turned into {@link DataplaneState}, and only the difference to what the dataplane holds is sent. After every
 * (re)connect (and after a request that got no answer) the dataplane's complete state is read back (Dump) and
 * becomes the starting point of the difference, so nothing that is already right is sent again and a restarted
 * agent does not disturb the traffic the dataplane keeps forwarding meanwhile.
 *
 * <p>A request the dataplane refuses (it changed nothing for it: a port whose namespace is gone, a next hop of
 * that port, …) is not sent again with every round: what the dataplane holds is known exactly from the requests it
 * accepted, and the refused request waits out a back-off of its own (200 ms, doubling up to 30 s) unless the
 * tables want something different for that entry. Before, one such port made the agent read the whole state back
 * and re-send its requests on every poll.
 *
 * <p>Until the controller says its tables are complete ({@link #tablesComplete()}: ports restored, config and
 * routes re-learned), only entries the dataplane lacks are added; what it holds is neither replaced nor removed,
 * since the tables of a freshly started agent are still partial. From then on the difference is applied whole.
 *
 * <p>The same thread polls trapped packets (DHCP) every {@code pollInterval} and hands them to the consumer.
 */
public final class DataplaneProgrammer implements TablesListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DataplaneProgrammer.class);
    private static final int PACKET_IN_BATCH = 64;
    /** Requests sent back to back before waiting for their replies. */
    private static final int WINDOW = 256;

    private final Path socket;
    private final Duration timeout;
    private final ScheduledExecutorService thread;
    private final IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(500), 2.0,
            0.1, Duration.ofSeconds(10));
    private static final IntervalFunction REFUSAL_BACKOFF = IntervalFunction.ofExponentialBackoff(
            Duration.ofMillis(200), 2.0, Duration.ofSeconds(30));

    /** A refused request: how often in a row, and not before when it is sent again. */
    private record Refused(int attempts, long retryAtNanos) {
    }

    /** Requests the dataplane refused, by content (owned by the dataplane thread). */
    private final Map<DataplaneRequest, Refused> refusedRequests = new HashMap<>();
    /** The state to program and the tables it was derived from. */
    private record Wanted(DataplaneState state, OperTables tables) {
    }

    private final AtomicReference<Wanted> desired = new AtomicReference<>(new Wanted(DataplaneState.EMPTY,
            OperTables.EMPTY));
    private volatile OperTables programmedTables = OperTables.EMPTY;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile Consumer<DataplaneReply.PacketIn> packetIns = p -> { };
    private volatile DataplaneState programmed = DataplaneState.EMPTY;
    private DataplaneClient client;
    private boolean resyncNeeded = true;
    private volatile boolean complete;
    private volatile long resyncs;
    private int failedConnects;
    private long nextConnectAt;
    private volatile String lastError = "";

    public DataplaneProgrammer(Path socket, Duration timeout, Duration pollInterval) {
        this.socket = socket;
        this.timeout = timeout;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dataplane");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::tick, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void onPacketIn(Consumer<DataplaneReply.PacketIn> consumer) {
        this.packetIns = consumer;
    }

    @Override
    public void tablesChanged(OperTables previous, OperTables current) {
        desired.set(new Wanted(DataplaneState.of(current), current));
        thread.execute(this::program);
    }

    /** Queues a frame for a VM interface (a DHCP reply); it is dropped, and counted as refused, when the dataplane is not reachable. */
    public void packetOut(int vif, byte[] frame) {
        thread.execute(() -> call(new DataplaneRequest.PacketOut(vif, frame)));
    }

    /**
     * The controller's tables are complete after its start: from now on entries the tables do not hold are
     * removed from the dataplane and changed entries are replaced. Any thread; takes effect on the next round.
     */
    @Override
    public void tablesComplete() {
        if (!complete) {
            complete = true;
            log.info("agent tables complete: the dataplane's entries that are no longer valid will be removed");
            thread.execute(this::program);
        }
    }

    /** Whether stale entries may be removed yet (see {@link #tablesComplete()}). */
    public boolean complete() {
        return complete;
    }

    /**
     * The latest tables whose dataplane state was completely programmed (what the status reports as realised);
     * empty tables until the first success.
     */
    public OperTables programmedTables() {
        return programmedTables;
    }

    /** What the dataplane is known to hold (after the last successful round). */
    public DataplaneState programmed() {
        return programmed;
    }

    /** How many times the dataplane's state was read back (after connects and requests that got no answer). */
    public long resyncs() {
        return resyncs;
    }

    public boolean connected() {
        return client != null && client.isOpen();
    }

    public long requests() {
        return requests.get();
    }

    /** Requests the dataplane refused, plus rounds that failed for want of an answer. */
    public long refused() {
        return refused.get();
    }

    public String lastError() {
        return lastError;
    }

    /** Reads the dataplane's counters; empty when it is not reachable. Runs on the caller's thread. */
    public Optional<DataplaneReply.Counters> counters() {
        DataplaneClient c = client;
        if (c == null || !c.isOpen()) {
            return Optional.empty();
        }
        try {
            return Optional.of((DataplaneReply.Counters) c.call(new DataplaneRequest.ReadCounters(), timeout));
        } catch (DataplaneException e) {
            return Optional.empty();
        }
    }

    /** Reads up to {@code max} flow records; empty when the dataplane is not reachable. */
    public List<DataplaneReply.FlowRecord> flowRecords(int max) {
        DataplaneClient c = client;
        if (c == null || !c.isOpen()) {
            return List.of();
        }
        try {
            return ((DataplaneReply.FlowRecords) c.call(new DataplaneRequest.ReadFlowRecords(max), timeout)).records();
        } catch (DataplaneException e) {
            lastError = e.getMessage();
            return List.of();
        }
    }

    private void tick() {
        if (!ensureConnected()) {
            return;
        }
        program();
        try {
            DataplaneReply reply = client.call(new DataplaneRequest.ReadPacketIns(PACKET_IN_BATCH), timeout);
            ((DataplaneReply.PacketIns) reply).packets().forEach(p -> {
                try {
                    packetIns.accept(p);
                } catch (RuntimeException e) {
                    log.warn("packet-in from interface {} not handled: {}", p.vif(), e.getMessage());
                }
            });
        } catch (DataplaneException e) {
            lastError = e.getMessage();
        }
    }

    private boolean ensureConnected() {
        if (client != null && client.isOpen()) {
            return true;
        }
        if (System.nanoTime() < nextConnectAt) {
            return false;
        }
        try {
            client = DataplaneClient.connect(socket);
            failedConnects = 0;
            resyncNeeded = true;
            log.info("connected to the dataplane at {}", socket);
            return true;
        } catch (IOException e) {
            failedConnects++;
            long delay = backoff.apply(failedConnects);
            nextConnectAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
            lastError = "cannot connect to " + socket + ": " + e.getMessage();
            if (failedConnects == 1 || failedConnects % 20 == 0) {
                log.info("dataplane not reachable at {} ({}); retrying in {} ms", socket, e.getMessage(), delay);
            }
            return false;
        }
    }

    private void program() {
        if (!ensureConnected()) {
            return;
        }
        if (resyncNeeded && !resync()) {
            return;
        }
        Wanted wanted = desired.get();
        DataplaneState target = complete ? wanted.state() : programmed.plusMissing(wanted.state());
        if (target.equals(programmed)) {
            refusedRequests.clear();
            if (complete) {
                programmedTables = wanted.tables();
            }
            return;
        }
        long now = System.nanoTime();
        List<DataplaneRequest> wantedChanges = DataplaneChanges.between(programmed, target);
        refusedRequests.keySet().retainAll(new HashSet<>(wantedChanges));
        List<DataplaneRequest> changes = wantedChanges.stream().filter(r -> {
            Refused refusal = refusedRequests.get(r);
            return refusal == null || now - refusal.retryAtNanos() >= 0;
        }).toList();
        if (changes.isEmpty()) {
            return;
        }
        requests.addAndGet(changes.size());
        List<DataplaneClient.Refusal> refusals;
        try {
            refusals = client.applyAll(changes, WINDOW, timeout);
        } catch (DataplaneException e) {
            refused.incrementAndGet();
            lastError = e.getMessage();
            log.warn("dataplane: {}", e.getMessage());
            resyncNeeded = true;
            return;
        }
        Set<DataplaneRequest> refusedNow = new HashSet<>();
        for (DataplaneClient.Refusal refusal : refusals) {
            refusedNow.add(refusal.request());
            Refused before = refusedRequests.get(refusal.request());
            int attempts = before == null ? 1 : before.attempts() + 1;
            long delay = REFUSAL_BACKOFF.apply(attempts);
            refusedRequests.put(refusal.request(), new Refused(attempts, now + TimeUnit.MILLISECONDS.toNanos(delay)));
            if (before == null) {
                log.warn("dataplane: {}; sent again in {} ms, then less and less often", refusal.error().getMessage(),
                        delay);
            }
        }
        programmed = programmed.after(refusedNow.isEmpty() ? changes
                : changes.stream().filter(r -> !refusedNow.contains(r)).toList());
        if (!refusals.isEmpty()) {
            refused.addAndGet(refusals.size());
            lastError = refusals.getFirst().error().getMessage();
        } else if (complete && programmed.equals(target)) {
            programmedTables = wanted.tables();
        }
    }

    /** Reads the dataplane's complete state as the base of the next difference. */
    private boolean resync() {
        try {
            DataplaneReply.Dump dump = (DataplaneReply.Dump) client.call(new DataplaneRequest.Dump(), timeout);
            requests.incrementAndGet();
            programmed = DataplaneState.of(dump);
            resyncNeeded = false;
            resyncs++;
            log.info("dataplane holds {} entries ({} interfaces, {} routes); reconciling against the agent's tables",
                    programmed.size(), programmed.interfaces().size(), programmed.routes().size());
            return true;
        } catch (DataplaneException e) {
            lastError = e.getMessage();
            log.warn("dataplane: cannot read its state: {}", e.getMessage());
            return false;
        }
    }

    private boolean call(DataplaneRequest r) {
        if (client == null || !client.isOpen()) {
            refused.incrementAndGet();
            return false;
        }
        requests.incrementAndGet();
        try {
            client.call(r, timeout);
            return true;
        } catch (DataplaneException e) {
            refused.incrementAndGet();
            lastError = e.getMessage();
            log.warn("dataplane: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(timeout.toSeconds() + 2, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
        if (client != null) {
            client.close();
        }
    }
}
