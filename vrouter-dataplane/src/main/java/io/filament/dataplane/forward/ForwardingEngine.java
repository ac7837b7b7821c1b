package io.filament.dataplane.forward;

import io.filament.dataplane.flow.FlowRecord;
import io.filament.dataplane.flow.FlowSettings;
import io.filament.dataplane.flow.FlowTable;
import io.filament.dataplane.flow.FlowView;
import io.filament.dataplane.policy.PolicyEvaluator;
import io.filament.dataplane.table.ForwardingTables;
import io.filament.dataplane.table.TableLimits;
import io.netty.buffer.ByteBuf;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One host's dataplane state and pipeline behind a single lock: the forwarding tables, the flow table, counters and
 * the queues towards the agent. Packet threads (TAP reader, fabric event loop) and the control socket all enter
 * here; holding the lock for one packet costs tens of nanoseconds and keeps every structure single-writer.
 */
public final class ForwardingEngine {

    private static final Logger log = LoggerFactory.getLogger(ForwardingEngine.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final ForwardingTables tables;
    private final FlowTable flows;
    private final FlowSettings flowSettings;
    private final Counters counters;
    private final PacketInQueue packetIns;
    private final FlowRecordQueue flowRecords;
    private final Forwarder forwarder;
    private final InstantSource clock;
    private final PacketIo io;
    private long unexpectedCount;

    public ForwardingEngine(TableLimits limits, FlowSettings flowSettings, PacketIo io, int fabricAddress,
                            InstantSource clock) {
        this.tables = new ForwardingTables(limits);
        this.flows = new FlowTable(flowSettings.capacity(), limits.interfaces());
        this.flowSettings = flowSettings;
        this.counters = new Counters(limits.interfaces());
        this.packetIns = new PacketInQueue(1024);
        this.flowRecords = new FlowRecordQueue(flowSettings.recordQueueSize());
        this.clock = clock;
        this.io = io;
        FlowStage stage = new FlowStage(flows, flowSettings, new PolicyEvaluator(tables), counters, clock);
        this.forwarder = new Forwarder(tables, counters, io, packetIns, stage, fabricAddress, clock);
    }

    public void fromInterface(int vif, ByteBuf buf, int off, int len) {
        fromInterface(vif, buf, off, len, 0);
    }

    /** A frame from a VM; {@code segmentSize} > 0 for a TCP super-packet (see {@link PacketIo}). */
    public void fromInterface(int vif, ByteBuf buf, int off, int len, int segmentSize) {
        lock.lock();
        try {
            forwarder.fromInterface(vif, buf, off, len, segmentSize);
        } catch (RuntimeException e) {
            unexpected(e);
        } finally {
            lock.unlock();
        }
    }

    public void fromFabric(int source, int port, ByteBuf buf, int off, int len) {
        fromFabric(source, port, buf, off, len, 0);
    }

    /** A UDP payload from the fabric; {@code segmentSize} > 0 for coalesced TCP segments (see {@link PacketIo}). */
    public void fromFabric(int source, int port, ByteBuf buf, int off, int len, int segmentSize) {
        lock.lock();
        try {
            forwarder.fromFabric(source, port, buf, off, len, segmentSize);
        } catch (RuntimeException e) {
            unexpected(e);
        } finally {
            lock.unlock();
        }
    }

    /** End of a receive burst: sends what the I/O batched; packets it then failed to send are counted as drops. */
    public void flushTransmit() {
        lock.lock();
        try {
            flushIo();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A packet the pipeline could not handle is counted as malformed; the packet threads must never die of one.
     * Logged once per 10,000 so that a flood cannot flood the log.
     */
    private void unexpected(RuntimeException e) {
        counters.drop(DropReason.MALFORMED);
        if (unexpectedCount++ % 10_000 == 0) {
            log.warn("packet dropped on an unexpected error ({} so far)", unexpectedCount, e);
        }
    }

    public void packetOut(int vif, ByteBuf buf, int off, int len) {
        lock.lock();
        try {
            forwarder.packetOut(vif, buf, off, len);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs a read or a validated change of the tables under the lock; afterwards answers the neighbour requests held
     * for addresses that are routed now (a new route is what they wait for).
     */
    public <T> T withTables(Function<ForwardingTables, T> action) {
        lock.lock();
        try {
            T result = action.apply(tables);
            if (forwarder.answerHeldRequests() > 0) {
                flushIo();
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    private void flushIo() {
        int failed = io.flush();
        if (failed > 0) {
            counters.drop(DropReason.TRANSMIT_ERROR, failed);
        }
    }

    /** Removes an interface's flows (its policy changed); with {@code resetCounters} also zeroes its counters. */
    public void forgetInterface(int vif, boolean resetCounters) {
        lock.lock();
        try {
            flows.removeOwnedBy(vif);
            if (resetCounters) {
                counters.resetInterface(vif);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Ages the flow table once; ended and periodic records go to the record queue. */
    public int expireFlows() {
        List<FlowRecord> out = new ArrayList<>();
        int removed;
        lock.lock();
        try {
            removed = flows.expire(clock.millis(), flowSettings, out::add);
        } finally {
            lock.unlock();
        }
        out.forEach(flowRecords::offer);
        return removed;
    }

    /** Removes every flow, e.g. after ACLs changed; their ended records are queued. */
    public void flushFlows() {
        List<FlowRecord> out = new ArrayList<>();
        lock.lock();
        try {
            for (FlowView v : flows.list()) {
                if (v.forward()) {
                    out.add(flows.removePair(v.index()));
                }
            }
        } finally {
            lock.unlock();
        }
        out.forEach(flowRecords::offer);
    }

    public List<FlowView> flows() {
        lock.lock();
        try {
            return flows.list();
        } finally {
            lock.unlock();
        }
    }

    public <T> T withCounters(Function<Counters, T> read) {
        lock.lock();
        try {
            return read.apply(counters);
        } finally {
            lock.unlock();
        }
    }

    public List<FlowRecord> drainFlowRecords(int max) {
        return flowRecords.drain(max);
    }

    public List<PacketIn> drainPacketIns(int max) {
        return packetIns.drain(max);
    }

    public FlowSettings flowSettings() {
        return flowSettings;
    }
}
