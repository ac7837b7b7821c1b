package io.filament.agent.it;

import io.filament.agent.dataplane.DataplaneProgrammer;
import io.filament.agent.dataplane.wire.DataplaneReply;
import io.filament.agent.dhcp.server.DhcpResponder;
import io.filament.agent.dhcp.server.DhcpServer;
import io.filament.agent.ifmap.ConfigImage;
import io.filament.agent.oper.Allocations;
import io.filament.agent.oper.OperTables;
import io.filament.agent.oper.OperTablesBuilder;
import io.filament.agent.oper.RemotePath;
import io.filament.agent.port.Port;
import io.filament.contracts.net.MacAddress;
import io.filament.contracts.xmpp.TunnelEncapsulation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The agent's forwarding side for one simulated host: config image, ports and learned routes → oper tables →
 * the real dataplane over its control socket, with DHCP answered from trapped packets. The routes a control
 * node would reflect are given as {@link RemotePath}s.
 */
final class AgentHost implements AutoCloseable {

    final ConfigImage image = new ConfigImage();
    final List<Port> ports = new ArrayList<>();
    final List<RemotePath> learned = new ArrayList<>();
    final DataplaneProgrammer dataplane;
    final DhcpResponder dhcp;
    private final OperTablesBuilder builder;
    private final AtomicReference<OperTables> tables = new AtomicReference<>(OperTables.EMPTY);
    private final Path state;
    private final boolean ownsState;

    AgentHost(String fabricAddress, Path socket) throws Exception {
        this(fabricAddress, socket, Files.createTempDirectory("agent-state"), true);
    }

    /** An agent that restarts on the state directory of an earlier one (which keeps owning it). */
    AgentHost(String fabricAddress, Path socket, Path state, boolean ownsState) throws Exception {
        this.state = state;
        this.ownsState = ownsState;
        builder = new OperTablesBuilder(new Allocations(state), fabricAddress);
        dataplane = new DataplaneProgrammer(socket, Duration.ofSeconds(20), Duration.ofMillis(20));
        dhcp = new DhcpResponder(new DhcpServer(Clock.systemUTC()), tables::get, dataplane::packetOut,
                System::nanoTime);
        dataplane.onPacketIn(p -> {
            if (p.reason() == DataplaneReply.PacketIn.DHCP) {
                dhcp.handle(p.vif(), p.frame());
            }
        });
    }

    /** A VM port plugged into namespace {@code netns} as {@code eth0}; its address comes from config. */
    static Port vmPort(UUID id, String mac, String tap, String netns) {
        return new Port(id, UUID.randomUUID(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                MacAddress.parse(mac), tap, "it", -1, -1, Port.PortType.VIRTUAL_MACHINE, Optional.of(netns),
                Optional.of("eth0"));
    }

    Path state() {
        return state;
    }

    OperTables recompute() {
        OperTables previous = tables.get();
        OperTables current = builder.build(image, ports, learned, List.of(TunnelEncapsulation.UDP));
        tables.set(current);
        dataplane.tablesChanged(previous, current);
        dhcp.tablesChanged(current);
        // The harness sets config, ports and routes itself: its tables are always complete.
        dataplane.tablesComplete();
        return current;
    }

    @Override
    public void close() throws Exception {
        dataplane.close();
        if (!ownsState) {
            return;
        }
        try (var files = Files.list(state)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(state);
    }
}
