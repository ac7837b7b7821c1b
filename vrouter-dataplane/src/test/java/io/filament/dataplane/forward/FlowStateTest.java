package io.filament.dataplane.forward;

import static io.filament.dataplane.forward.Frames.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.filament.dataplane.flow.FlowAction;
import io.filament.dataplane.flow.FlowRecord;
import io.filament.dataplane.flow.FlowView;
import io.filament.dataplane.packet.wire.Ipv4Header;
import io.filament.dataplane.packet.wire.MplsLabelEntry;
import io.filament.dataplane.packet.wire.TcpHeader;
import io.filament.dataplane.policy.AclRule;
import io.filament.dataplane.policy.CompiledAcl;
import io.filament.dataplane.table.Vif;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowStateTest {

    private final PipelineFixture f = new PipelineFixture();

    private void replaceVif(int index, int networkAcl, int[] ingress, int[] egress) {
        f.engine.withTables(t -> {
            Vif v = t.vif(index);
            t.addInterface(new Vif(index, v.name(), v.mac(), v.ipv4(), v.vrf(), Vif.FLAG_POLICY, 1500, 0, networkAcl,
                    ingress, egress));
            return null;
        });
    }

    private void acl(int id, AclRule... rules) {
        f.engine.withTables(t -> {
            t.addAcl(new CompiledAcl(id, List.of(rules)));
            return null;
        });
    }

    private static AclRule tcpTo(int port, AclRule.Action action) {
        return new AclRule(action, 4, Ipv4Header.PROTO_TCP, 0, 0, 0, 0, 0, 0, 0, 0xFFFF, port, port);
    }

    private byte[] mplsTo(int label, byte[] frame) {
        ByteBuf payload = Unpooled.buffer().writeInt(MplsLabelEntry.word(label, 0, true, 64));
        payload.writeBytes(frame, 14, frame.length - 14);
        return ByteBufUtil.getBytes(payload);
    }

    @Test
    void setsUpLinkedForwardAndReverseEntriesOnTheFirstPacket() {
        f.fromVm(3, Frames.udp(Frames.VM1_MAC, "10.1.1.3", "10.1.1.4", 1000, 2000, 64, 0));
        List<FlowView> flows = f.engine.flows();
        assertThat(flows).hasSize(2);
        FlowView fwd = flows.stream().filter(FlowView::forward).findFirst().orElseThrow();
        FlowView rev = flows.stream().filter(v -> !v.forward()).findFirst().orElseThrow();
        assertThat(fwd.reverseIndex()).isEqualTo(rev.index());
        assertThat(rev.reverseIndex()).isEqualTo(fwd.index());
        assertThat(rev.srcHigh()).isEqualTo(fwd.dstHigh());
        assertThat(rev.srcPort()).isEqualTo(2000);
        assertThat(rev.dstPort()).isEqualTo(1000);
        assertThat(fwd.packets()).isEqualTo(1);
        assertThat(fwd.action()).isEqualTo(FlowAction.FORWARD);
    }

    @Test
    void letsReturnTrafficPassStatefullyButNotNewFlowsTheEgressGroupDenies() {
        acl(5, AclRule.any(AclRule.Action.DENY));
        replaceVif(4, 0, new int[0], new int[] {5});
        f.fromVm(3, Frames.tcp(Frames.VM1_MAC, "10.1.1.3", "10.1.1.4", 40000, 80, TcpHeader.SYN));
        f.fromVm(4, Frames.tcp(Frames.VM2_MAC, "10.1.1.4", "10.1.1.3", 80, 40000, TcpHeader.SYN | TcpHeader.ACK));
        assertThat(f.io.take()).extracting(InMemoryPacketIo.Sent::vif).containsExactly(4, 3);
        f.fromVm(4, Frames.tcp(Frames.VM2_MAC, "10.1.1.4", "10.1.1.3", 81, 40000, TcpHeader.SYN));
        assertThat(f.io.sent()).isEmpty();
        assertThat(f.drops(DropReason.POLICY)).isEqualTo(1);
        FlowView rev = f.engine.flows().stream().filter(v -> !v.forward() && v.srcPort() == 80).findFirst()
                .orElseThrow();
        assertThat(rev.packets()).isEqualTo(1);
    }

    @Test
    void evaluatesTheReceiversIngressGroupOnTrafficFromTheFabric() {
        acl(6, tcpTo(22, AclRule.Action.PASS));
        replaceVif(3, 0, new int[] {6}, new int[0]);
        f.fromFabric(6635, mplsTo(30, Frames.tcp(Frames.VM2_MAC, "10.2.2.4", "10.1.1.3", 50000, 80, TcpHeader.SYN)));
        assertThat(f.io.take()).isEmpty();
        f.fromFabric(6635, mplsTo(30, Frames.tcp(Frames.VM2_MAC, "10.2.2.4", "10.1.1.3", 50000, 22, TcpHeader.SYN)));
        assertThat(f.io.take()).singleElement().extracting(InMemoryPacketIo.Sent::vif).isEqualTo(3);
        assertThat(f.drops(DropReason.POLICY)).isEqualTo(1);
    }

    @Test
    void reverseTrafficToTheFabricFollowsTheEntryTheFabricSideCreated() {
        acl(6, tcpTo(22, AclRule.Action.PASS));
        replaceVif(3, 0, new int[] {6}, new int[] {6});
        f.fromFabric(6635, mplsTo(30, Frames.tcp(Frames.VM2_MAC, "10.2.2.4", "10.1.1.3", 50000, 22, TcpHeader.SYN)));
        f.fromVm(3, Frames.tcp(Frames.VM1_MAC, "10.1.1.3", "10.2.2.4", 22, 50000, TcpHeader.SYN | TcpHeader.ACK));
        List<InMemoryPacketIo.Sent> sent = f.io.take();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).remote()).isEqualTo(PipelineFixture.REMOTE);
    }

    @Test
    void evaluatesTheNetworkAclsOfBothVirtualNetworks() {
        acl(8, AclRule.any(AclRule.Action.PASS));
        acl(9, new AclRule(AclRule.Action.DENY, 4, -1, PipelineFixture.v4("10.1.1.3"), 0, 32, 0, 0, 0, 0, 0xFFFF, 0,
                0xFFFF), AclRule.any(AclRule.Action.PASS));
        replaceVif(3, 8, new int[0], new int[0]);
        replaceVif(4, 9, new int[0], new int[0]);
        f.fromVm(3, Frames.udp(Frames.VM1_MAC, "10.1.1.3", "10.1.1.4", 1, 2, 64, 0));
        assertThat(f.io.sent()).isEmpty();
        assertThat(f.drops(DropReason.POLICY)).isEqualTo(1);
        assertThat(f.engine.flows()).allMatch(v -> v.action() == FlowAction.DROP);
    }

    @Test
    void agesIdleFlowsAfter180SecondsWithAnEndRecord() {
        f.fromVm(3, Frames.udp(Frames.VM1_MAC, "10.1.1.3", "10.1.1.4", 1000, 2000, 64, 10));
        f.fromVm(4, Frames.udp(Frames.VM2_MAC, "10.1.1.4", "10.1.1.3", 2000, 1000, 64, 10));
        f.clock.advance(Duration.ofSeconds(179));
        assertThat(f.engine.expireFlows()).isZero();
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(f.engine.expireFlows()).isEqualTo(1);
        assertThat(f.engine.flows()).isEmpty();
        FlowRecord rec = f.engine.drainFlowRecords(10).getLast();
        assertThat(rec.ended()).isTrue();
        assertThat(rec.packets()).isEqualTo(1);
        assertThat(rec.reversePackets()).isEqualTo(1);
        assertThat(rec.bytes()).isEqualTo(20 + 8 + 10);
        assertThat(rec.srcHigh() >>> 32).isEqualTo(ip("10.1.1.3") & 0xFFFFFFFFL);
    }

    @Test
    void agesDroppedFlowsAfterFiveSeconds() {
        acl(7, AclRule.any(AclRule.Action.DENY));
        replaceVif(3, 7, new int[0], new int[0]);
        f.fromVm(3, Frames.udp(Frames.VM1_MAC, "10.1.1.3", "10.1.1.4", 1, 2, 64, 0));
        f.clock.advance(Duration.ofSeconds(4));
        assertThat(f.engine.expireFlows()).isZero();
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(f.engine.expireFlows()).isEqualTo(1);
        List<FlowRecord> records = f.engine.drainFlowRecords(10);
        assertThat(records).hasSize(2).allSatisfy(r -> assertThat(r.action()).isEqualTo(FlowAction.DROP));
        assertThat(records).extracting(FlowRecord::ended).containsExactly(false, true);
    }

    @Test
    void shortensTcpFlowsAfterRst() {
        f.fromVm(3, Frames.tcp(Frames.VM1_MAC, "10.1.1.3", "10.1.1.4", 40000, 80, TcpHeader.SYN));
        f.fromVm(4, Frames.tcp(Frames.VM2_MAC, "10.1.1.4", "10.1.1.3", 80, 40000, TcpHeader.RST));
        f.clock.advance(Duration.ofSeconds(5));
        assertThat(f.engine.expireFlows()).isEqualTo(1);
    }

    @Test
    void shortensTcpFlowsOnlyAfterFinInBothDirections() {
        f.fromVm(3, Frames.tcp(Frames.VM1_MAC, "10.1.1.3", "10.1.1.4", 40000, 80, TcpHeader.FIN | TcpHeader.ACK));
        f.clock.advance(Duration.ofSeconds(5));
        assertThat(f.engine.expireFlows()).isZero();
        f.fromVm(4, Frames.tcp(Frames.VM2_MAC, "10.1.1.4", "10.1.1.3", 80, 40000, TcpHeader.FIN | TcpHeader.ACK));
        f.clock.advance(Duration.ofSeconds(5));
        assertThat(f.engine.expireFlows()).isEqualTo(1);
    }

    @Test
    void emitsAFirstRecordAtTheAgingPassAfterSetupThenOneEveryExportInterval() {
        f.fromVm(3, Frames.udp(Frames.VM1_MAC, "10.1.1.3", "10.1.1.4", 1000, 2000, 64, 0));
        f.clock.advance(Duration.ofSeconds(1));
        f.engine.expireFlows();
        assertThat(f.engine.drainFlowRecords(10)).singleElement().satisfies(r -> {
            assertThat(r.ended()).isFalse();
            assertThat(r.packets()).isEqualTo(1);
        });
        for (int i = 0; i < 3; i++) {
            f.fromVm(3, Frames.udp(Frames.VM1_MAC, "10.1.1.3", "10.1.1.4", 1000, 2000, 64, 0));
            f.clock.advance(Duration.ofSeconds(30));
            f.engine.expireFlows();
        }
        List<FlowRecord> records = f.engine.drainFlowRecords(10);
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.ended()).isFalse();
            assertThat(r.packets()).isEqualTo(3);
        });
        assertThat(f.engine.flows()).hasSize(2);
    }

    @Test
    void forgetsTheFlowsOfARemovedInterface() {
        f.fromVm(3, Frames.udp(Frames.VM1_MAC, "10.1.1.3", "10.2.2.4", 1, 2, 64, 0));
        f.fromVm(4, Frames.udp(Frames.VM2_MAC, "10.1.1.4", "10.2.2.4", 1, 2, 64, 0));
        f.engine.forgetInterface(3, true);
        assertThat(f.engine.flows()).hasSize(2).allMatch(v -> v.srcHigh() >>> 32 == ip("10.1.1.4")
                || v.dstHigh() >>> 32 == ip("10.1.1.4"));
    }

    @Test
    void trafficWithoutPolicyOnEitherSideCreatesNoFlow() {
        PipelineFixture open = new PipelineFixture(io.filament.dataplane.flow.FlowSettings.DEFAULT, 0, 0);
        open.fromVm(3, Frames.udp(Frames.VM1_MAC, "10.1.1.3", "10.1.1.4", 1, 2, 64, 0));
        assertThat(open.io.sent()).hasSize(1);
        assertThat(open.engine.flows()).isEmpty();
    }
}
