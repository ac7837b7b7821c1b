package io.filament.dataplane.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filament.dataplane.policy.AclRule;
import io.filament.dataplane.policy.CompiledAcl;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ForwardingTablesTest {

    private ForwardingTables tables;

    @BeforeEach
    void setUp() {
        tables = new ForwardingTables(TableLimits.DEFAULT);
        tables.addVrf(1);
        tables.addInterface(vif(3, "tap3", 1));
        tables.addNextHop(new NextHop.Interface(10, 3));
    }

    private static Vif vif(int index, String name, int vrf) {
        return new Vif(index, name, 0x02000a010103L, 0x0a010103, vrf, Vif.FLAG_POLICY, 1500, 0, 0, new int[0],
                new int[0]);
    }

    @Test
    void refusesInterfaceInUnknownVrfAndLeavesTablesUnchanged() {
        TableSnapshot before = tables.snapshot();
        assertThatThrownBy(() -> tables.addInterface(vif(4, "tap4", 7))).isInstanceOf(TableException.class)
                .hasMessageContaining("interface.vrf=7");
        assertThat(tables.vif(4)).isNull();
        assertThat(tables.snapshot().interfaces()).isEqualTo(before.interfaces());
    }

    @Test
    void refusesDuplicateInterfaceNameAndUnknownFlags() {
        assertThatThrownBy(() -> tables.addInterface(vif(4, "tap3", 1))).hasMessageContaining("interface.name=tap3");
        assertThatThrownBy(() -> tables.addInterface(new Vif(4, "tap4", 1, 1, 1, 0x80, 1500, 0, 0, new int[0],
                new int[0]))).hasMessageContaining("interface.flags=128");
        assertThatThrownBy(() -> tables.addInterface(new Vif(4, "tap4", 1, 1, 1, 0, 1500, 0, 99, new int[0],
                new int[0]))).hasMessageContaining("interface.network_acl=99");
    }

    @Test
    void refusesRouteToUnknownNextHopAndRemovalOfReferencedObjects() {
        assertThatThrownBy(() -> tables.addRoute(1, 4, 0x0a010103L << 32, 0, 32, 77))
                .hasMessageContaining("route.nexthop=77");
        tables.addRoute(1, 4, 0x0a010103L << 32, 0, 32, 10);
        assertThatThrownBy(() -> tables.removeNextHop(10)).hasMessageContaining("used by a route in vrf 1");
        assertThatThrownBy(() -> tables.removeInterface(3)).hasMessageContaining("used by next hop 10");
        assertThatThrownBy(() -> tables.removeVrf(1)).hasMessageContaining("still has 1 routes");
        assertThat(tables.vrf(1).lookup4(0x0a010103)).isEqualTo(10);
    }

    @Test
    void validatesTunnelLabelRangesAndEcmpMembers() {
        assertThatThrownBy(() -> tables.addNextHop(new NextHop.Tunnel(11, NextHop.Encapsulation.MPLS_OVER_UDP,
                0x7f00000c, 3, 0))).hasMessageContaining("nexthop.label_or_vni=3");
        assertThatThrownBy(() -> tables.addNextHop(new NextHop.Tunnel(11, NextHop.Encapsulation.VXLAN,
                0, 100, 0))).hasMessageContaining("nexthop.remote");
        tables.addNextHop(new NextHop.Receive(12));
        assertThatThrownBy(() -> tables.addNextHop(new NextHop.Ecmp(13, new int[] {10, 12})))
                .hasMessageContaining("nexthop.members=12");
        tables.addNextHop(new NextHop.Tunnel(11, NextHop.Encapsulation.VXLAN, 0x7f00000c, 100, 0));
        tables.addNextHop(new NextHop.Ecmp(13, new int[] {10, 11}));
        assertThatThrownBy(() -> tables.removeNextHop(11)).hasMessageContaining("member of ECMP next hop 13");
    }

    @Test
    void mapsLabelsAndVnisAndRefusesBadOnes() {
        tables.addLabel(17, 10);
        tables.addVni(100, 1);
        assertThat(tables.labelNextHop(17)).isEqualTo(10);
        assertThat(tables.vniVrf(100)).isEqualTo(1);
        assertThatThrownBy(() -> tables.addLabel(3, 10)).hasMessageContaining("mpls.label=3");
        assertThatThrownBy(() -> tables.addVni(1 << 24, 1)).hasMessageContaining("vni.vni=16777216");
        assertThatThrownBy(() -> tables.removeVrf(1)).hasMessageContaining("interface");
        tables.removeVni(100);
        assertThat(tables.vniVrf(100)).isEqualTo(-1);
    }

    @Test
    void refusesRemovalOfAnAclAnInterfaceUses() {
        tables.addAcl(new CompiledAcl(5, List.of(AclRule.any(AclRule.Action.PASS))));
        tables.addInterface(new Vif(4, "tap4", 2, 2, 1, Vif.FLAG_POLICY, 1500, 0, 0, new int[] {5}, new int[0]));
        assertThatThrownBy(() -> tables.removeAcl(5)).hasMessageContaining("used by interface 4");
        assertThat(tables.acl(5)).isNotNull();
    }

    @Test
    void snapshotHoldsEveryObject() {
        tables.addRoute(1, 6, 0xfd00_0001_0000_0000L, 3, 128, 10);
        tables.addLabel(20, 10);
        tables.addVni(200, 1);
        TableSnapshot s = tables.snapshot();
        assertThat(s.interfaces()).hasSize(1);
        assertThat(s.vrfs()).containsExactly(1);
        assertThat(s.nextHops()).containsExactly(new NextHop.Interface(10, 3));
        assertThat(s.routes()).hasSize(1);
        assertThat(s.labels()).containsExactly(new int[] {20, 10});
        assertThat(s.vnis()).containsExactly(new int[] {200, 1});
    }
}
