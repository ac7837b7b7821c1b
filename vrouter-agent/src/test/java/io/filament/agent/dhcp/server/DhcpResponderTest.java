package io.filament.agent.dhcp.server;

import io.filament.agent.dhcp.wire.DhcpFrame;
import io.filament.agent.dhcp.wire.DhcpMessage;
import io.filament.agent.dhcp.wire.DhcpMessageType;
import io.filament.agent.dhcp.wire.GoldenPackets;
import io.filament.agent.oper.OperTables;
import io.filament.agent.oper.VmInterface;
import io.filament.contracts.net.IpAddress;
import io.filament.contracts.net.IpPrefix;
import io.filament.contracts.net.MacAddress;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests from a plugged port whose config has not arrived are held and answered when it does. */
class DhcpResponderTest {

    /** The MAC in the captured udhcpc frames. */
    private static final MacAddress CLIENT = MacAddress.parse("02:5f:6b:6f:0c:5b");
    private static final IpAddress ADDRESS = IpAddress.parse("10.1.1.3");
    private static final IpAddress GATEWAY = IpAddress.parse("10.1.1.254");
    private static final UUID PORT = UUID.fromString("5f6b6f0c-5b00-4000-8000-000000000001");
    private static final int VIF = 3;

    private final AtomicReference<OperTables> tables = new AtomicReference<>(OperTables.EMPTY);
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<byte[]> sent = new ArrayList<>();
    private final List<Integer> sentTo = new ArrayList<>();
    private final DhcpResponder responder = new DhcpResponder(
            new DhcpServer(Clock.fixed(Instant.parse("2026-11-29T01:00:00Z"), ZoneOffset.UTC)), tables::get,
            (vif, frame) -> {
                sentTo.add(vif);
                sent.add(frame);
            }, now::get);

    private static OperTables withPort(boolean bound) {
        Optional<DhcpBinding> dhcp = bound ? Optional.of(new DhcpBinding(CLIENT, ADDRESS, IpPrefix.parse("10.1.1.0/24"),
                GATEWAY, List.of(), List.of(), DhcpBinding.INFINITE_LEASE, Optional.empty())) : Optional.empty();
        VmInterface i = new VmInterface(PORT, VIF, "tap5f6b6f0c-5b", Optional.of("vm"), "eth0", CLIENT,
                Optional.of(ADDRESS), bound ? Optional.of(1) : Optional.empty(), Optional.empty(), Optional.empty(),
                "", List.of(), Optional.empty(), List.of(), List.of(), dhcp, Optional.empty(), List.of());
        TreeMap<UUID, VmInterface> interfaces = new TreeMap<>();
        interfaces.put(PORT, i);
        return new OperTables(new TreeMap<>(), interfaces, new TreeMap<>(), new TreeMap<>(), new TreeMap<>(),
                new TreeMap<>());
    }

    private void configArrives() {
        tables.set(withPort(true));
        responder.tablesChanged(tables.get());
    }

    private DhcpMessage onlyReply() {
        assertThat(sent).hasSize(1);
        assertThat(sentTo).containsExactly(VIF);
        return DhcpFrame.decode(sent.getFirst()).message();
    }

    @Test
    void aDiscoverBeforeTheConfigIsOfferedTheMomentTheConfigArrives() {
        tables.set(withPort(false));
        DhcpMessage discover = DhcpFrame.decode(GoldenPackets.frame("udhcpc-discover")).message();

        responder.handle(VIF, GoldenPackets.frame("udhcpc-discover"));
        assertThat(sent).as("nothing to offer without config").isEmpty();
        now.addAndGet(300_000_000L);
        configArrives();

        DhcpMessage offer = onlyReply();
        assertThat(offer.messageType()).contains(DhcpMessageType.OFFER);
        assertThat(offer.xid()).isEqualTo(discover.xid());
        assertThat(offer.yiaddr()).isEqualTo(ADDRESS);
        assertThat(responder.answeredAfterHold()).isEqualTo(1);
    }

    @Test
    void aRequestHeldLongerThanTheHoldIsDroppedAndTheClientsRetryIsAnswered() {
        tables.set(withPort(false));
        responder.handle(VIF, GoldenPackets.frame("udhcpc-discover"));
        now.addAndGet(HeldDhcpRequests.HOLD.toNanos() + 1);

        configArrives();
        assertThat(sent).isEmpty();

        responder.handle(VIF, GoldenPackets.frame("udhcpc-discover"));
        assertThat(onlyReply().messageType()).contains(DhcpMessageType.OFFER);
        assertThat(responder.answeredAfterHold()).isZero();
    }

    @Test
    void onlyTheNewestRequestOfAnInterfaceIsHeld() {
        tables.set(withPort(false));
        responder.handle(VIF, GoldenPackets.frame("udhcpc-discover"));
        responder.handle(VIF, GoldenPackets.frame("udhcpc-request"));

        configArrives();

        assertThat(onlyReply().messageType()).contains(DhcpMessageType.ACK);
    }

    @Test
    void aTableChangeThatLeavesThePortUnboundKeepsTheRequestHeld() {
        tables.set(withPort(false));
        responder.handle(VIF, GoldenPackets.frame("udhcpc-discover"));

        responder.tablesChanged(withPort(false));
        assertThat(sent).isEmpty();
        configArrives();

        assertThat(onlyReply().messageType()).contains(DhcpMessageType.OFFER);
    }

    @Test
    void aRequestFromAnInterfaceTheTablesDoNotKnowIsNotHeld() {
        responder.handle(VIF, GoldenPackets.frame("udhcpc-discover"));

        configArrives();

        assertThat(sent).isEmpty();
    }
}
