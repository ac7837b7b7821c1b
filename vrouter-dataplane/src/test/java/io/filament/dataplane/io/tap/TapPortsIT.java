package io.filament.dataplane.io.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.filament.dataplane.flow.FlowSettings;
import io.filament.dataplane.forward.ForwardingEngine;
import io.filament.dataplane.forward.InMemoryPacketIo;
import io.filament.dataplane.io.Namespaces;
import io.filament.dataplane.io.PacketLoop;
import io.filament.dataplane.io.Shell;
import io.filament.dataplane.packet.wire.Ipv4Header;
import io.filament.dataplane.packet.wire.MacAddress;
import io.filament.dataplane.table.TableLimits;
import io.filament.dataplane.table.Vif;
import io.filament.testsupport.RequiresRoot;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TAP ports on a packet loop that does not spin, asleep in {@code epoll_wait} when the port is attached: the port's
 * first frame is read because attaching registers it on the loop, and detaching takes it off the loop and closes
 * it, which removes the interface from its namespace.
 */
@RequiresRoot
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TapPortsIT {

    private static final MacAddress VM_MAC = MacAddress.parse("02:00:0a:4e:00:02");
    private final Namespaces namespaces = new Namespaces();
    private final PacketLoop loop = new PacketLoop(Duration.ZERO);

    @AfterEach
    void cleanUp() {
        loop.close();
        namespaces.close();
    }

    private static ForwardingEngine engineWithVif(int vif, String tap) {
        ForwardingEngine engine = new ForwardingEngine(TableLimits.DEFAULT, FlowSettings.DEFAULT,
                new InMemoryPacketIo(), Ipv4Header.parse("127.0.0.45"), InstantSource.system());
        engine.withTables(t -> {
            t.addVrf(1);
            t.addInterface(new Vif(vif, tap, VM_MAC.value(), Ipv4Header.parse("10.78.0.2"), 1, 0, 1450, 0, 0,
                    new int[0], new int[0]));
            return null;
        });
        return engine;
    }

    @Test
    void readsTheFirstFrameOfAPortAttachedWhileTheReaderSleeps() throws Exception {
        String ns = namespaces.create("pw");
        String name = namespaces.prefix() + "pw";
        ForwardingEngine engine = engineWithVif(3, name);
        TapPorts ports = new TapPorts(engine, 16, loop);
        try {
            TapDevice tap = new PortPlacement(ns, "eth0", VM_MAC.value(), 1450).create(name, false);
            Shell.run("ip", "-n", ns, "addr", "add", "10.78.0.2/24", "dev", "eth0");
            ports.attach(3, tap);

            Shell.exec(10, "ip", "netns", "exec", ns, "ping", "-c", "1", "-W", "1", "10.78.0.1");

            await().atMost(Duration.ofSeconds(10)).until(() ->
                    engine.withCounters(c -> c.ofInterface(3).rxPackets()) > 0);
            ports.detach(3);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(Shell.run("ip", "-n", ns, "link", "show")).doesNotContain("eth0"));
        } finally {
            ports.close();
        }
    }
}
