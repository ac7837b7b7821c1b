package io.filament.agent.oper;

import io.filament.agent.ifmap.ConfigImage;
import io.filament.agent.port.Port;
import io.filament.contracts.net.IpAddress;
import io.filament.contracts.net.IpPrefix;
import io.filament.contracts.xmpp.RoutePrefix;
import io.filament.contracts.xmpp.TunnelEncapsulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.filament.agent.oper.OperTablesBuilderTestFixtures.RI;
import static io.filament.agent.oper.OperTablesBuilderTestFixtures.VMI_251;
import static io.filament.agent.oper.OperTablesBuilderTestFixtures.VMI_252;
import static io.filament.agent.oper.OperTablesBuilderTestFixtures.port;
import static io.filament.agent.oper.OperTablesBuilderTestFixtures.tfConfigForThreeVms;
import static io.filament.agent.oper.OperTablesBuilderTestFixtures.threePorts;
import static org.assertj.core.api.Assertions.assertThat;

class OperTablesBuilderTest {

    static final List<TunnelEncapsulation> UDP_FIRST = List.of(TunnelEncapsulation.UDP, TunnelEncapsulation.GRE);

    @TempDir
    Path state;

    static RoutePrefix prefix(String text) {
        return RoutePrefix.parse(text);
    }

    @Test
    void buildsOneVrfThreeInterfacesLabelsAndRoutesFromTfsConfig() throws Exception {
        OperTables t = new OperTablesBuilder(new Allocations(state), "10.0.0.1")
                .build(tfConfigForThreeVms(), threePorts(), List.of(), UDP_FIRST);

        assertThat(t.vrfs()).containsOnlyKeys(RI);
        int vrf = t.vrfs().get(RI).index();
        assertThat(vrf).isEqualTo(1);
        assertThat(t.interfaces().values()).allMatch(VmInterface::active);
        assertThat(t.interfaces().get(VMI_252).address()).contains(IpAddress.parse("27.1.1.252"));
        assertThat(t.labels().keySet()).containsExactly(16, 17, 18);
        assertThat(t.routesOf(vrf)).extracting(r -> r.prefix().toString() + " " + r.origin()).containsExactly(
                "27.1.1.251/32 LOCAL_INTERFACE", "27.1.1.252/32 LOCAL_INTERFACE", "27.1.1.253/32 LOCAL_INTERFACE",
                "27.1.1.254/32 GATEWAY");
        VrfRoute r = t.routes().get(new VrfRoute.Key(vrf, prefix("27.1.1.252/32")));
        assertThat(t.nextHops().get(r.nextHopId()).interfaceId()).contains(VMI_252);
        assertThat(t.labels().get((int) r.label()).nextHopId()).isEqualTo(r.nextHopId());
        assertThat(r.originNetwork()).isEqualTo("default-domain:demo:vn27");
    }

    @Test
    void handsOutDhcpFromTheIpamSubnet() throws Exception {
        OperTables t = new OperTablesBuilder(new Allocations(state), "10.0.0.1")
                .build(tfConfigForThreeVms(), threePorts(), List.of(), UDP_FIRST);

        var dhcp = t.interfaces().get(VMI_251).dhcp().orElseThrow();
        assertThat(dhcp.address()).isEqualTo(IpAddress.parse("27.1.1.251"));
        assertThat(dhcp.subnet()).isEqualTo(IpPrefix.parse("27.1.1.0/24"));
        assertThat(dhcp.gateway()).isEqualTo(IpAddress.parse("27.1.1.254"));
    }

    @Test
    void leavesAPortWithoutConfigOutOfEveryVrf() throws Exception {
        Port stranger = port(UUID.fromString("00000000-0000-4000-8000-000000000001"), "02:00:00:00:00:01", "tapx");

        OperTables t = new OperTablesBuilder(new Allocations(state), "10.0.0.1")
                .build(tfConfigForThreeVms(), List.of(stranger), List.of(), UDP_FIRST);

        assertThat(t.interfaces().get(stranger.id()).active()).isFalse();
        assertThat(t.vrfs()).isEmpty();
        assertThat(t.labels()).isEmpty();
    }

    /** A VM re-created in the same namespace, while the port of the one before was never unplugged. */
    @Test
    void givesAWorkloadPlaceToThePortPluggedLastPreferringOneWithConfig() throws Exception {
        Port gone = placed(port(UUID.fromString("00000000-0000-4000-8000-000000000001"), "02:00:00:00:00:01",
                "tapold"));
        Port configured = placed(port(VMI_252, "02:ef:1e:98:28:05", "tap1"));
        Port waiting = placed(port(UUID.fromString("00000000-0000-4000-8000-000000000002"), "02:00:00:00:00:02",
                "tapnew"));
        OperTablesBuilder builder = new OperTablesBuilder(new Allocations(state), "10.0.0.1");
        ConfigImage image = tfConfigForThreeVms();

        assertThat(builder.build(image, List.of(gone, waiting), List.of(), UDP_FIRST).interfaces())
                .as("neither has config: the later plug").containsOnlyKeys(waiting.id());
        assertThat(builder.build(image, List.of(gone, configured), List.of(), UDP_FIRST).interfaces())
                .as("the later plug, with config").containsOnlyKeys(configured.id());
        assertThat(builder.build(image, List.of(configured, waiting), List.of(), UDP_FIRST).interfaces())
                .as("the earlier plug has config, the later not yet").containsOnlyKeys(configured.id());
        assertThat(builder.build(image, List.of(configured, gone), List.of(), UDP_FIRST).interfaces().get(VMI_252)
                .active()).isTrue();
    }

    private static Port placed(Port p) {
        return new Port(p.id(), p.instanceId(), p.vnId(), p.projectId(), p.ipv4(), p.ipv6(), p.mac(), p.systemName(),
                p.displayName(), p.rxVlanId(), p.txVlanId(), p.type(), Optional.of("fil-vm"), Optional.of("eth0"));
    }

    @Test
    void installsLearnedRoutesAsTunnelsWithThePreferredEncapsulation() throws Exception {
        List<RemotePath> learned = List.of(
                new RemotePath(RI, prefix("27.1.1.10/32"), "10.0.0.2", 20, List.of(TunnelEncapsulation.GRE,
                        TunnelEncapsulation.UDP), "default-domain:demo:vn27", List.of(8000001L)),
                new RemotePath(RI, prefix("27.1.1.11/32"), "10.0.0.2", 21, List.of(TunnelEncapsulation.GRE),
                        "default-domain:demo:vn27", List.of()),
                new RemotePath(RI, prefix("27.1.1.252/32"), "10.0.0.1", 16, List.of(TunnelEncapsulation.UDP),
                        "default-domain:demo:vn27", List.of()),
                new RemotePath("other:vn:vn", prefix("9.9.9.9/32"), "10.0.0.3", 30, List.of(TunnelEncapsulation.UDP),
                        "other:vn", List.of()));

        OperTables t = new OperTablesBuilder(new Allocations(state), "10.0.0.1")
                .build(tfConfigForThreeVms(), threePorts(), learned, UDP_FIRST);

        int vrf = t.vrfs().get(RI).index();
        VrfRoute viaUdp = t.routes().get(new VrfRoute.Key(vrf, prefix("27.1.1.10/32")));
        VrfRoute viaGre = t.routes().get(new VrfRoute.Key(vrf, prefix("27.1.1.11/32")));
        assertThat(t.nextHops().get(viaUdp.nextHopId()))
                .extracting(NextHopEntry::kind, NextHopEntry::tunnelDestination, NextHopEntry::encapsulation)
                .containsExactly(NextHopEntry.Kind.TUNNEL, Optional.of("10.0.0.2"), Optional.of(TunnelEncapsulation.UDP));
        assertThat(viaUdp.label()).isEqualTo(20);
        assertThat(viaUdp.securityGroupIds()).containsExactly(8000001L);
        assertThat(t.nextHops().get(viaGre.nextHopId()).encapsulation()).contains(TunnelEncapsulation.GRE);
        assertThat(t.routes().get(new VrfRoute.Key(vrf, prefix("27.1.1.252/32"))).origin())
                .isEqualTo(VrfRoute.Origin.LOCAL_INTERFACE);
        assertThat(t.routes().keySet()).noneMatch(k -> k.prefix().equals(prefix("9.9.9.9/32")));
    }

    @Test
    void givesTheSameNumbersAfterARestart() throws Exception {
        ConfigImage image = tfConfigForThreeVms();
        OperTables first = new OperTablesBuilder(new Allocations(state), "10.0.0.1")
                .build(image, threePorts().reversed(), List.of(), UDP_FIRST);

        OperTables afterRestart = new OperTablesBuilder(new Allocations(state), "10.0.0.1")
                .build(image, threePorts(), List.of(), UDP_FIRST);

        assertThat(afterRestart).isEqualTo(first);
    }

    @Test
    void releasesTheLabelOfADeletedPortAndReusesIt() throws Exception {
        ConfigImage image = tfConfigForThreeVms();
        OperTablesBuilder builder = new OperTablesBuilder(new Allocations(state), "10.0.0.1");
        OperTables all = builder.build(image, threePorts(), List.of(), UDP_FIRST);
        int labelOf252 = all.interfaces().get(VMI_252).label().orElseThrow();

        OperTables two = builder.build(image, threePorts().subList(1, 3), List.of(), UDP_FIRST);
        OperTables again = builder.build(image, threePorts(), List.of(), UDP_FIRST);

        assertThat(two.labels()).doesNotContainKey(labelOf252);
        assertThat(two.routes().keySet()).noneMatch(k -> k.prefix().equals(prefix("27.1.1.252/32")));
        assertThat(again.interfaces().get(VMI_252).label()).contains(labelOf252);
    }

    @Test
    void keepsTheNumbersOfPortsWhoseConfigHasNotComeBackYetAfterARestart() throws Exception {
        ConfigImage image = tfConfigForThreeVms();
        OperTables before = new OperTablesBuilder(new Allocations(state), "10.0.0.1")
                .build(image, threePorts(), List.of(), UDP_FIRST);
        String persisted = persisted();

        OperTablesBuilder restarted = new OperTablesBuilder(new Allocations(state), "10.0.0.1");
        OperTables withoutConfig = restarted.build(new ConfigImage(), threePorts(), List.of(), UDP_FIRST,
                OperTablesBuilder.Unused.KEEP);
        String persistedMeanwhile = persisted();
        Port newcomer = port(java.util.UUID.fromString("00000000-0000-4000-8000-000000000002"), "02:00:00:00:00:02", "tapn");
        OperTables withConfig = restarted.build(image, threePorts(), List.of(), UDP_FIRST, OperTablesBuilder.Unused.KEEP);

        assertThat(withoutConfig.vrfs()).isEmpty();
        assertThat(persistedMeanwhile).isEqualTo(persisted);
        assertThat(withConfig).isEqualTo(before);
        assertThat(restarted.build(image, List.of(newcomer), List.of(), UDP_FIRST, OperTablesBuilder.Unused.KEEP)
                .interfaces().get(newcomer.id()).index())
                .isNotIn(before.interfaces().values().stream().map(VmInterface::index).toList());
    }

    @Test
    void releasesWhatNoPortUsesOnceAskedTo() throws Exception {
        ConfigImage image = tfConfigForThreeVms();
        OperTablesBuilder builder = new OperTablesBuilder(new Allocations(state), "10.0.0.1");
        OperTables all = builder.build(image, threePorts(), List.of(), UDP_FIRST);
        int labelOf252 = all.interfaces().get(VMI_252).label().orElseThrow();

        builder.build(image, threePorts().subList(1, 3), List.of(), UDP_FIRST, OperTablesBuilder.Unused.KEEP);
        java.util.Map<String, Integer> kept = new Allocations(state).interfaces().held();
        builder.build(image, threePorts().subList(1, 3), List.of(), UDP_FIRST, OperTablesBuilder.Unused.RELEASE);
        java.util.Map<String, Integer> released = new Allocations(state).interfaces().held();

        assertThat(kept).containsKey(VMI_252.toString());
        assertThat(released).doesNotContainKey(VMI_252.toString());
        assertThat(new Allocations(state).labels().held()).doesNotContainValue(labelOf252);
    }

    /** Everything persisted under the state directory: snapshot and journal. */
    private String persisted() throws java.io.IOException {
        StringBuilder all = new StringBuilder();
        for (String name : List.of("allocations.json", "allocations.journal")) {
            java.nio.file.Path f = state.resolve(name);
            if (java.nio.file.Files.exists(f)) {
                all.append(java.nio.file.Files.readString(f));
            }
        }
        return all.toString();
    }
}
