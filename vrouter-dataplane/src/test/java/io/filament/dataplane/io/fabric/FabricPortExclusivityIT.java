package io.filament.dataplane.io.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.filament.dataplane.flow.FlowSettings;
import io.filament.dataplane.forward.DropReason;
import io.filament.dataplane.forward.ForwardingEngine;
import io.filament.dataplane.forward.InMemoryPacketIo;
import io.filament.dataplane.io.PacketLoop;
import io.filament.dataplane.packet.wire.MplsLabelEntry;
import io.filament.dataplane.packet.wire.UdpHeader;
import io.filament.dataplane.table.TableLimits;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fabric ports belong to one dataplane per fabric address: a second binder fails with a message naming the
 * address and port, and the first keeps receiving. Loopback addresses 127.0.0.47–.49 only.
 */
@Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
class FabricPortExclusivityIT {

    private final PacketLoop loop = new PacketLoop(Duration.ZERO);

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    private static ForwardingEngine engine() {
        return new ForwardingEngine(TableLimits.DEFAULT, FlowSettings.DEFAULT, new InMemoryPacketIo(), 1,
                InstantSource.system());
    }

    @Test
    void refusesASecondDataplaneOnTheSameFabricAddressAndKeepsTheFirstReceiving() throws Exception {
        InetAddress fabric = InetAddress.getByName("127.0.0.49");
        ForwardingEngine first = engine();
        try (FabricReceiver owner = new FabricReceiver(first, loop); FabricReceiver intruder = new FabricReceiver(engine(), loop)) {
            owner.bind(fabric, UdpHeader.PORT_MPLS_OVER_UDP, UdpHeader.PORT_VXLAN);

            assertThatThrownBy(() -> intruder.bind(fabric, UdpHeader.PORT_MPLS_OVER_UDP, UdpHeader.PORT_VXLAN))
                    .isInstanceOfSatisfying(FabricPortInUseException.class, e -> {
                        assertThat(e.port()).isEqualTo(UdpHeader.PORT_MPLS_OVER_UDP);
                        assertThat(e.address()).isEqualTo(fabric);
                    })
                    .hasMessageContaining("127.0.0.49:6635")
                    .hasMessageContaining("another dataplane");

            try (DatagramChannel sender = DatagramChannel.open(StandardProtocolFamily.INET)) {
                ByteBuffer unknownLabel = ByteBuffer.allocate(MplsLabelEntry.LENGTH + 20);
                unknownLabel.putInt(MplsLabelEntry.word(999, 0, true, 64)).put((byte) 0x45).position(0);
                sender.send(unknownLabel, new InetSocketAddress(fabric, UdpHeader.PORT_MPLS_OVER_UDP));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> first.<Long>withCounters(c -> c.ofFabric().rxPackets()) == 1L);
            assertThat(first.<Long>withCounters(c -> c.drops(DropReason.MALFORMED) + c.drops(DropReason.UNKNOWN_LABEL)))
                    .isEqualTo(1);
        }
    }

    @Test
    void doesNotShareAPortWithASocketThatAllowsAddressReuse() throws Exception {
        InetAddress fabric = InetAddress.getByName("127.0.0.48");
        try (DatagramChannel squatter = DatagramChannel.open(StandardProtocolFamily.INET)) {
            squatter.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            squatter.bind(new InetSocketAddress(fabric, UdpHeader.PORT_VXLAN));
            try (FabricReceiver receiver = new FabricReceiver(engine(), loop)) {
                assertThatThrownBy(() -> receiver.bind(fabric, UdpHeader.PORT_MPLS_OVER_UDP, UdpHeader.PORT_VXLAN))
                        .isInstanceOf(FabricPortInUseException.class)
                        .hasMessageContaining("127.0.0.48:4789");
            }
        }
        // The failed bind released the port it had taken before failing: a dataplane can start there now.
        try (FabricReceiver receiver = new FabricReceiver(engine(), loop)) {
            receiver.bind(fabric, UdpHeader.PORT_MPLS_OVER_UDP, UdpHeader.PORT_VXLAN);
        }
    }
}
