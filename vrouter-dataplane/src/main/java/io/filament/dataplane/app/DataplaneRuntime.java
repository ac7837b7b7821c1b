package io.filament.dataplane.app;

import io.filament.dataplane.control.ControlService;
import io.filament.dataplane.control.TapPortDevices;
import io.filament.dataplane.control.netty.ControlServer;
import io.filament.dataplane.flow.FlowSettings;
import io.filament.dataplane.forward.ForwardingEngine;
import io.filament.dataplane.io.HostPacketIo;
import io.filament.dataplane.io.PacketLoop;
import io.filament.dataplane.io.fabric.FabricReceiver;
import io.filament.dataplane.io.fabric.FabricSockets;
import io.filament.dataplane.io.tap.TapPorts;
import io.filament.dataplane.packet.wire.Ipv4Header;
import io.filament.dataplane.packet.wire.UdpHeader;
import io.filament.dataplane.table.TableLimits;
import java.net.InetAddress;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the dataplane's parts in dependency order — fabric transmit sockets, the packet loop ({@code packet-io}) with
 * the TAP ports and the fabric receive sockets on it, flow aging ({@code flow-aging}), control socket
 * ({@code control}) — and stops them in reverse.
 */
public final class DataplaneRuntime implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DataplaneRuntime.class);

    private final DataplaneProperties properties;
    private final InstantSource clock;
    private FabricSockets fabricTx;
    private ForwardingEngine engine;
    private PacketLoop packets;
    private TapPorts taps;
    private FabricReceiver fabricRx;
    private ControlServer control;
    private ScheduledExecutorService aging;
    private volatile boolean running;

    public DataplaneRuntime(DataplaneProperties properties, InstantSource clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void start() {
        try {
            int fabric = Ipv4Header.parse(properties.fabricAddress());
            TableLimits limits = TableLimits.DEFAULT;
            FlowSettings d = FlowSettings.DEFAULT;
            FlowSettings flows = new FlowSettings(properties.flowCapacity(), properties.flowIdleTimeout(),
                    d.droppedTimeout(), d.closingTimeout(), properties.maxFlowsPerInterface(), d.exportInterval(),
                    d.recordQueueSize());
            fabricTx = new FabricSockets(fabric, properties.fabricSourcePorts());
            HostPacketIo io = new HostPacketIo(fabricTx);
            engine = new ForwardingEngine(limits, flows, io, fabric, clock);
            packets = new PacketLoop(properties.pollSpin());
            taps = new TapPorts(engine, limits.interfaces(), packets);
            io.useTaps(taps);
            fabricRx = new FabricReceiver(engine, packets);
            fabricRx.bind(InetAddress.getByName(properties.fabricAddress()), UdpHeader.PORT_MPLS_OVER_UDP,
                    UdpHeader.PORT_VXLAN);
            aging = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("flow-aging")
                    .daemon(true).unstarted(r));
            long every = properties.agingInterval().toMillis();
            aging.scheduleAtFixedRate(this::age, every, every, TimeUnit.MILLISECONDS);
            control = new ControlServer(new ControlService(engine, new TapPortDevices(taps)),
                    properties.maxControlRequestBytes());
            control.bind(properties.socketPath());
            running = true;
            log.info("dataplane {} forwarding on fabric {} (UDP {} and {}), control socket {}",
                    properties.hostName(), properties.fabricAddress(), UdpHeader.PORT_MPLS_OVER_UDP,
                    UdpHeader.PORT_VXLAN, properties.socketPath());
        } catch (Exception e) {
            throw new IllegalStateException("dataplane failed to start: " + e.getMessage(), e);
        }
    }

    private void age() {
        try {
            engine.expireFlows();
        } catch (RuntimeException e) {
            log.error("flow aging failed", e);
        }
    }

    public ForwardingEngine engine() {
        return engine;
    }

    @Override
    public void stop() {
        running = false;
        try {
            if (control != null) {
                control.close();
            }
            if (aging != null) {
                aging.shutdownNow();
                aging.awaitTermination(2, TimeUnit.SECONDS);
            }
            if (fabricRx != null) {
                fabricRx.close();
            }
            if (taps != null) {
                taps.close();
            }
            if (packets != null) {
                packets.close();
            }
            if (fabricTx != null) {
                fabricTx.close();
            }
        } catch (Exception e) {
            log.warn("dataplane stop: {}", e.toString());
        }
        log.info("dataplane stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
