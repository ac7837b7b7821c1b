package io.filament.dataplane.forward;

import static io.filament.dataplane.forward.Frames.ip;

import io.filament.dataplane.flow.FlowSettings;
import io.filament.dataplane.packet.wire.MacAddress;
import io.filament.dataplane.table.NextHop;
import io.filament.dataplane.table.TableLimits;
import io.filament.dataplane.table.Vif;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * One host (fabric 127.0.0.11) with VRF 1 holding two local VMs (10.1.1.3 on vif 3, 10.1.1.4 on vif 4), a remote
 * subnet behind MPLS-over-UDP (10.2.2.0/24, label 17 at 127.0.0.12), one behind VXLAN (10.3.3.0/24, VNI 100), an
 * IPv6 pair, a receive route for the gateway 10.1.1.1 and a discard route for 10.9.0.0/16. Label 30 and VNI 100
 * lead back in.
 */
final class PipelineFixture {

    static final int FABRIC = ip("127.0.0.11");
    static final int REMOTE = ip("127.0.0.12");
    static final long REMOTE_VM_MAC = MacAddress.parse("02:00:0a:03:03:05").value();
    static final long V6_HIGH = 0xfd00_0001_0000_0000L;

    final MutableClock clock = new MutableClock();
    final InMemoryPacketIo io = new InMemoryPacketIo();
    final ForwardingEngine engine;

    PipelineFixture(FlowSettings settings, int vm1Flags, int vm2Flags) {
        engine = new ForwardingEngine(TableLimits.DEFAULT, settings, io, FABRIC, clock);
        engine.withTables(t -> {
            t.addVrf(1);
            t.addInterface(new Vif(3, "tap-vm1", Frames.VM1_MAC, ip("10.1.1.3"), 1, vm1Flags, 1500, 0, 0,
                    new int[0], new int[0]));
            t.addInterface(new Vif(4, "tap-vm2", Frames.VM2_MAC, ip("10.1.1.4"), 1, vm2Flags, 1500, 0, 0,
                    new int[0], new int[0]));
            t.addNextHop(new NextHop.Interface(10, 3));
            t.addNextHop(new NextHop.Interface(11, 4));
            t.addRoute(1, 4, v4("10.1.1.3"), 0, 32, 10);
            t.addRoute(1, 4, v4("10.1.1.4"), 0, 32, 11);
            t.addRoute(1, 6, V6_HIGH, 3, 128, 10);
            t.addRoute(1, 6, V6_HIGH, 4, 128, 11);
            t.addNextHop(new NextHop.Tunnel(20, NextHop.Encapsulation.MPLS_OVER_UDP, REMOTE, 17, 0));
            t.addRoute(1, 4, v4("10.2.2.0"), 0, 24, 20);
            t.addNextHop(new NextHop.Tunnel(21, NextHop.Encapsulation.VXLAN, REMOTE, 100, REMOTE_VM_MAC));
            t.addRoute(1, 4, v4("10.3.3.0"), 0, 24, 21);
            t.addNextHop(new NextHop.Receive(40));
            t.addRoute(1, 4, v4("10.1.1.1"), 0, 32, 40);
            t.addRoute(1, 4, v4("10.9.0.0"), 0, 16, 0);
            t.addLabel(30, 10);
            t.addVni(100, 1);
            return null;
        });
    }

    PipelineFixture() {
        this(FlowSettings.DEFAULT, Vif.FLAG_POLICY | Vif.FLAG_DHCP_TRAP, Vif.FLAG_POLICY);
    }

    static long v4(String dotted) {
        return ((long) ip(dotted)) << 32;
    }

    void fromVm(int vif, byte[] frame) {
        ByteBuf buf = Frames.withHeadroom(frame);
        engine.fromInterface(vif, buf, Forwarder.HEADROOM, frame.length);
    }

    void fromFabric(int port, byte[] udpPayload) {
        ByteBuf buf = Frames.withHeadroom(udpPayload);
        engine.fromFabric(REMOTE, port, buf, Forwarder.HEADROOM, udpPayload.length);
    }

    long txPackets(int vif) {
        return engine.withCounters(c -> c.ofInterface(vif).txPackets());
    }

    long rxPackets(int vif) {
        return engine.withCounters(c -> c.ofInterface(vif).rxPackets());
    }

    long fabricRxPackets() {
        return engine.withCounters(c -> c.ofFabric().rxPackets());
    }

    long totalDrops() {
        return engine.withCounters(c -> c.dropsByReason().values().stream().mapToLong(Long::longValue).sum());
    }

    long drops(DropReason reason) {
        return engine.withCounters(c -> c.drops(reason));
    }

    static final class MutableClock implements InstantSource {
        private long millis = 1_000_000;

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public long millis() {
            return millis;
        }

        void advance(Duration d) {
            millis += d.toMillis();
        }
    }
}
