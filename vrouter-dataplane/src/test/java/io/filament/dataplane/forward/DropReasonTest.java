package io.filament.dataplane.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.filament.dataplane.flow.FlowSettings;
import io.filament.dataplane.packet.wire.MplsLabelEntry;
import io.filament.dataplane.packet.wire.VxlanHeader;
import io.filament.dataplane.policy.AclRule;
import io.filament.dataplane.policy.CompiledAcl;
import io.filament.dataplane.table.NextHop;
import io.filament.dataplane.table.Vif;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class DropReasonTest {

    private static final Set<DropReason> PROVEN = EnumSet.noneOf(DropReason.class);
    private final PipelineFixture f = new PipelineFixture();

    private void assertDroppedOnce(DropReason reason) {
        assertThat(f.drops(reason)).as(reason.name()).isEqualTo(1);
        assertThat(f.io.sent()).isEmpty();
        assertThat(f.totalDrops()).isEqualTo(1);
        PROVEN.add(reason);
    }

    @AfterAll
    static void everyReasonHasATest() {
        assertThat(PROVEN).containsExactlyInAnyOrderElementsOf(Arrays.asList(DropReason.values()));
    }

    @Test
    void countsATruncatedIpv4HeaderAsMalformed() {
        byte[] frame = Frames.udp(Frames.VM1_MAC, "10.1.1.3", "10.1.1.4", 1, 2, 64, 0);
        f.fromVm(3, Arrays.copyOf(frame, 14 + 12));
        assertDroppedOnce(DropReason.MALFORMED);
    }

    @Test
    void countsFramesFromAnUnknownInterface() {
        f.fromVm(99, Frames.udp(Frames.VM1_MAC, "10.1.1.3", "10.1.1.4", 1, 2, 64, 0));
        assertDroppedOnce(DropReason.UNKNOWN_INTERFACE);
    }

    @Test
    void countsDestinationsWithoutRoute() {
        f.fromVm(3, Frames.udp(Frames.VM1_MAC, "10.1.1.3", "172.16.0.1", 1, 2, 64, 0));
        assertDroppedOnce(DropReason.NO_ROUTE);
    }

    @Test
    void countsDiscardRoutes() {
        f.fromVm(3, Frames.udp(Frames.VM1_MAC, "10.1.1.3", "10.9.1.1", 1, 2, 64, 0));
        assertDroppedOnce(DropReason.DISCARD);
    }

    @Test
    void refusesToReTunnelADecapsulatedPacket() {
        ByteBuf payload = Unpooled.buffer();
        new VxlanHeader(VxlanHeader.FLAG_I, 100).encode(payload);
        payload.writeBytes(Frames.echo(PipelineFixture.REMOTE_VM_MAC, "10.3.3.5", "10.2.2.4", 1, 8));
        f.fromFabric(4789, ByteBufUtil.getBytes(payload));
        assertDroppedOnce(DropReason.INVALID_NEXTHOP);
    }

    @Test
    void countsExpiringTtl() {
        f.fromVm(3, Frames.udp(Frames.VM1_MAC, "10.1.1.3", "10.1.1.4", 1, 2, 1, 0));
        assertDroppedOnce(DropReason.TTL_EXPIRED);
    }

    @Test
    void countsPolicyDenials() {
        f.engine.withTables(t -> {
            t.addAcl(new CompiledAcl(7, List.of(AclRule.any(AclRule.Action.DENY))));
            Vif vm1 = t.vif(3);
            t.addInterface(new Vif(3, vm1.name(), vm1.mac(), vm1.ipv4(), 1, Vif.FLAG_POLICY, 1500, 0, 7, new int[0],
                    new int[0]));
            return null;
        });
        f.fromVm(3, Frames.udp(Frames.VM1_MAC, "10.1.1.3", "10.1.1.4", 1, 2, 64, 0));
        assertDroppedOnce(DropReason.POLICY);
    }

    @Test
    void countsFlowsBeyondTheInterfaceLimit() {
        f.engine.withTables(t -> {
            Vif vm1 = t.vif(3);
            t.addInterface(new Vif(3, vm1.name(), vm1.mac(), vm1.ipv4(), 1, Vif.FLAG_POLICY, 1500, 1, 0, new int[0],
                    new int[0]));
            return null;
        });
        f.fromVm(3, Frames.udp(Frames.VM1_MAC, "10.1.1.3", "10.2.2.4", 1, 2, 64, 0));
        f.io.take();
        f.fromVm(3, Frames.udp(Frames.VM1_MAC, "10.1.1.3", "10.2.2.4", 1, 3, 64, 0));
        assertDroppedOnce(DropReason.FLOW_LIMIT);
    }

    @Test
    void countsAFullFlowTable() {
        PipelineFixture small = new PipelineFixture(new FlowSettings(2, Duration.ofSeconds(180),
                Duration.ofSeconds(5), Duration.ofSeconds(5), 100, Duration.ofSeconds(60), 10), Vif.FLAG_POLICY,
                Vif.FLAG_POLICY);
        small.fromVm(3, Frames.udp(Frames.VM1_MAC, "10.1.1.3", "10.2.2.4", 1, 2, 64, 0));
        small.fromVm(3, Frames.udp(Frames.VM1_MAC, "10.1.1.3", "10.2.2.4", 1, 3, 64, 0));
        assertThat(small.drops(DropReason.FLOW_TABLE_FULL)).isEqualTo(1);
        assertThat(small.io.sent()).hasSize(1);
        PROVEN.add(DropReason.FLOW_TABLE_FULL);
    }

    @Test
    void countsUnknownMplsLabels() {
        byte[] inner = Frames.echo(Frames.VM2_MAC, "10.2.2.4", "10.1.1.3", 9, 8);
        ByteBuf payload = Unpooled.buffer().writeInt(MplsLabelEntry.word(999, 0, true, 64));
        payload.writeBytes(inner, 14, inner.length - 14);
        f.fromFabric(6635, ByteBufUtil.getBytes(payload));
        assertDroppedOnce(DropReason.UNKNOWN_LABEL);
    }

    @Test
    void countsUnknownVnis() {
        ByteBuf payload = Unpooled.buffer();
        new VxlanHeader(VxlanHeader.FLAG_I, 555).encode(payload);
        payload.writeBytes(Frames.echo(PipelineFixture.REMOTE_VM_MAC, "10.3.3.5", "10.1.1.4", 1, 8));
        f.fromFabric(4789, ByteBufUtil.getBytes(payload));
        assertDroppedOnce(DropReason.UNKNOWN_VNI);
    }

    @Test
    void countsFabricDatagramsOnOtherPorts() {
        f.fromFabric(9999, new byte[40]);
        assertDroppedOnce(DropReason.UNKNOWN_ENCAPSULATION);
    }

    @Test
    void countsArpForTheRequestersOwnAddress() {
        f.fromVm(3, Frames.arpRequest(Frames.VM1_MAC, "0.0.0.0", "10.1.1.3"));
        assertDroppedOnce(DropReason.ARP_NOT_PROXIED);
    }

    @Test
    void countsMulticastTraffic() {
        f.fromVm(3, Frames.udp(Frames.VM1_MAC, "10.1.1.3", "224.0.0.251", 5353, 5353, 1, 0));
        assertDroppedOnce(DropReason.MULTICAST);
    }

    @Test
    void countsUnsupportedEtherTypes() {
        byte[] frame = Frames.udp(Frames.VM1_MAC, "10.1.1.3", "10.1.1.4", 1, 2, 64, 0);
        frame[12] = (byte) 0x88;
        frame[13] = (byte) 0xCC;
        f.fromVm(3, frame);
        assertDroppedOnce(DropReason.UNSUPPORTED_ETHERTYPE);
    }

    @Test
    void countsPacketInsBeyondTheQueue() {
        for (int i = 0; i < 1025; i++) {
            f.fromVm(3, Frames.udp(Frames.VM1_MAC, "0.0.0.0", "255.255.255.255", 68, 67, 64, 0));
        }
        assertDroppedOnce(DropReason.PACKET_IN_QUEUE_FULL);
        assertThat(f.engine.drainPacketIns(2000)).hasSize(1024);
    }

    @Test
    void countsSendsTheDeviceRefused() {
        f.io.refuse(true);
        f.fromVm(3, Frames.udp(Frames.VM1_MAC, "10.1.1.3", "10.1.1.4", 1, 2, 64, 0));
        assertDroppedOnce(DropReason.TRANSMIT_ERROR);
    }

    @Test
    void givesEveryRandomGarbageFrameExactlyOneFate() {
        java.util.Random r = new java.util.Random(42);
        for (int i = 0; i < 5000; i++) {
            byte[] junk = new byte[r.nextInt(120)];
            r.nextBytes(junk);
            if (junk.length > 14 && r.nextBoolean()) {
                junk[12] = 0x08;
                junk[13] = (byte) (r.nextBoolean() ? 0x00 : 0x06);
            }
            f.fromVm(3, junk);
            f.fromFabric(r.nextBoolean() ? 6635 : 4789, junk);
        }
        assertThat(f.totalDrops() + f.io.sent().size() + f.engine.drainPacketIns(20000).size()).isEqualTo(10000);
    }

    @Test
    void unusedNextHopKindsStillResolve() {
        f.engine.withTables(t -> {
            t.addNextHop(new NextHop.Discard(50));
            t.addLabel(31, 50);
            return null;
        });
        byte[] inner = Frames.echo(Frames.VM2_MAC, "10.2.2.4", "10.1.1.3", 9, 8);
        ByteBuf payload = Unpooled.buffer().writeInt(MplsLabelEntry.word(31, 0, true, 64));
        payload.writeBytes(inner, 14, inner.length - 14);
        f.fromFabric(6635, ByteBufUtil.getBytes(payload));
        assertDroppedOnce(DropReason.DISCARD);
    }
}
