package io.filament.agent.dhcp.server;

import io.filament.agent.dhcp.wire.DhcpDecodeException;
import io.filament.agent.dhcp.wire.DhcpFrame;
import io.filament.agent.dhcp.wire.DhcpMessage;
import io.filament.agent.oper.OperTables;
import io.filament.agent.oper.VmInterface;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Answers DHCP frames trapped from VM interfaces: decodes the frame, finds what the interface is owed in the
 * current oper tables, lets the {@link DhcpServer} decide and sends the reply frame back out of that interface.
 * A request from a plugged interface whose config has not arrived is held ({@link HeldDhcpRequests}) and answered
 * by {@link #tablesChanged} once the tables give the interface its binding.
 */
public final class DhcpResponder {

    private static final Logger log = LoggerFactory.getLogger(DhcpResponder.class);

    private final DhcpServer server;
    private final Supplier<OperTables> tables;
    private final BiConsumer<Integer, byte[]> packetOut;
    private final LongSupplier nanoTime;
    /**
     * Guarded by {@code this}, with the decision on each request, so a request and a table change never miss each
     * other.
     */
    private final HeldDhcpRequests held = new HeldDhcpRequests();
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong answeredAfterHold = new AtomicLong();

    /**
     * @param tables    the current oper tables; a new set must be visible here before {@link #tablesChanged} is
     *                  called with it
     * @param packetOut sends a frame out of the interface with the given index
     * @param nanoTime  the monotonic clock the hold is measured with
     */
    public DhcpResponder(DhcpServer server, Supplier<OperTables> tables, BiConsumer<Integer, byte[]> packetOut,
                         LongSupplier nanoTime) {
        this.server = server;
        this.tables = tables;
        this.packetOut = packetOut;
        this.nanoTime = nanoTime;
    }

    public void handle(int vif, byte[] frame) {
        DhcpFrame request;
        try {
            request = DhcpFrame.decode(frame);
        } catch (DhcpDecodeException e) {
            malformed.incrementAndGet();
            log.debug("interface {}: malformed DHCP frame: {}", vif, e.getMessage());
            return;
        }
        synchronized (this) {
            Optional<VmInterface> port = interfaceAt(tables.get(), vif);
            if (port.isPresent() && port.get().dhcp().isEmpty()) {
                held.hold(vif, request.message(), nanoTime.getAsLong());
                return;
            }
            answer(vif, request.message(), port);
        }
    }

    /** Answers the held requests of interfaces that {@code current} binds; call after every change of the tables. */
    public synchronized void tablesChanged(OperTables current) {
        if (held.size() == 0) {
            return;
        }
        for (HeldDhcpRequests.Held h : held.release(nanoTime.getAsLong(),
                vif -> interfaceAt(current, vif).flatMap(VmInterface::dhcp).isPresent())) {
            if (answer(h.vif(), h.message(), interfaceAt(current, h.vif()))) {
                answeredAfterHold.incrementAndGet();
            }
        }
    }

    private boolean answer(int vif, DhcpMessage request, Optional<VmInterface> port) {
        DhcpDecision decision = server.handle(request, port.flatMap(VmInterface::dhcp));
        if (!(decision instanceof DhcpDecision.Reply reply)) {
            return false;
        }
        DhcpBinding binding = port.flatMap(VmInterface::dhcp).orElseThrow();
        packetOut.accept(vif, DhcpReplyFrames.frame(reply.message(), binding.gateway()).encode());
        replies.incrementAndGet();
        return true;
    }

    private static Optional<VmInterface> interfaceAt(OperTables tables, int vif) {
        return tables.interfaces().values().stream().filter(i -> i.index() == vif).findFirst();
    }

    public long replies() {
        return replies.get();
    }

    public long malformed() {
        return malformed.get();
    }

    /** Requests waiting for their interface's config. */
    public synchronized int heldRequests() {
        return held.size();
    }

    /** Replies sent for requests that came before their interface's config. */
    public long answeredAfterHold() {
        return answeredAfterHold.get();
    }
}
