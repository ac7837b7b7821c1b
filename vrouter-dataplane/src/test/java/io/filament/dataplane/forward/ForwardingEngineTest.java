package io.filament.dataplane.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.filament.dataplane.flow.FlowSettings;
import io.filament.dataplane.table.TableLimits;
import io.filament.dataplane.table.Vif;
import io.netty.buffer.ByteBuf;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class ForwardingEngineTest {

    @Test
    void countsAPacketWhoseHandlingFailsUnexpectedlyAndKeepsForwarding() {
        PacketIo failing = new PacketIo() {
            private int calls;

            @Override
            public boolean sendToInterface(Vif vif, ByteBuf buf, int offset, int length, int segmentSize) {
                if (calls++ == 0) {
                    throw new IllegalStateException("device vanished");
                }
                return true;
            }

            @Override
            public boolean sendToFabric(int remote, ByteBuf buf, int offset, int length, int segmentSize) {
                return true;
            }
        };
        ForwardingEngine engine = new ForwardingEngine(TableLimits.DEFAULT, FlowSettings.DEFAULT, failing, 1,
                InstantSource.system());
        engine.withTables(t -> {
            t.addVrf(1);
            t.addInterface(new Vif(3, "tap3", Frames.VM1_MAC, Frames.ip("10.1.1.3"), 1, 0, 1500, 0, 0, new int[0],
                    new int[0]));
            return null;
        });
        byte[] arp = Frames.arpRequest(Frames.VM1_MAC, "10.1.1.3", "10.1.1.9");
        engine.withTables(t -> {
            t.addNextHop(new io.filament.dataplane.table.NextHop.Receive(5));
            t.addRoute(1, 4, PipelineFixture.v4("10.1.1.9"), 0, 32, 5);
            return null;
        });
        engine.fromInterface(3, Frames.withHeadroom(arp), Forwarder.HEADROOM, arp.length);
        engine.fromInterface(3, Frames.withHeadroom(arp), Forwarder.HEADROOM, arp.length);
        long malformed = engine.withCounters(c -> c.drops(DropReason.MALFORMED));
        long sent = engine.withCounters(c -> c.ofInterface(3).txPackets());
        assertThat(malformed).isEqualTo(1);
        assertThat(sent).isEqualTo(1);
    }
}
