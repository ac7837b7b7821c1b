package io.filament.agent.dhcp.server;

import io.filament.agent.dhcp.wire.DhcpDecodeException;
import io.filament.agent.dhcp.wire.DhcpFrame;
import io.filament.agent.oper.OperTables;
import io.filament.agent.oper.VmInterface;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Answers DHCP frames trapped from VM interfaces: decodes the frame, finds what the interface is owed in the
 * current oper tables, lets the {@link DhcpServer} decide and sends the reply frame back out of that interface.
 */
public final class DhcpResponder {

    private static final Logger log = LoggerFactory.getLogger(DhcpResponder.class);

    private final DhcpServer server;
    private final Supplier<OperTables> tables;
    private final BiConsumer<Integer, byte[]> packetOut;
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();

    public DhcpResponder(DhcpServer server, Supplier<OperTables> tables, BiConsumer<Integer, byte[]> packetOut) {
        this.server = server;
        this.tables = tables;
        this.packetOut = packetOut;
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
        Optional<VmInterface> port = tables.get().interfaces().values().stream().filter(i -> i.index() == vif).findFirst();
        DhcpDecision decision = server.handle(request.message(), port.flatMap(VmInterface::dhcp));
        if (decision instanceof DhcpDecision.Reply reply) {
            DhcpBinding binding = port.flatMap(VmInterface::dhcp).orElseThrow();
            packetOut.accept(vif, DhcpReplyFrames.frame(reply.message(), binding.gateway()).encode());
            replies.incrementAndGet();
        }
    }

    public long replies() {
        return replies.get();
    }

    public long malformed() {
        return malformed.get();
    }
}
