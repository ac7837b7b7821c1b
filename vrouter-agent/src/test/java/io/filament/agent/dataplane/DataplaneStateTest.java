package io.filament.agent.dataplane;

import io.filament.agent.dataplane.wire.DataplaneReply;
import io.filament.agent.dataplane.wire.DataplaneRequest;
import io.filament.agent.ifmap.ConfigImage;
import io.filament.agent.oper.Allocations;
import io.filament.agent.oper.OperTablesBuilder;
import io.filament.agent.oper.RemotePath;
import io.filament.contracts.xmpp.RoutePrefix;
import io.filament.contracts.xmpp.TunnelEncapsulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.filament.agent.oper.OperTablesBuilderTestFixtures.RI;
import static io.filament.agent.oper.OperTablesBuilderTestFixtures.tfConfigForThreeVms;
import static io.filament.agent.oper.OperTablesBuilderTestFixtures.threePorts;
import static org.assertj.core.api.Assertions.assertThat;

class DataplaneStateTest {

    static final List<TunnelEncapsulation> UDP = List.of(TunnelEncapsulation.UDP);

    @TempDir
    Path state;

    private static DataplaneReply.Dump dumpOf(DataplaneState s) {
        return new DataplaneReply.Dump(List.copyOf(s.interfaces().values()), List.copyOf(s.vrfs()),
                List.copyOf(s.nextHops().values()), List.copyOf(s.routes().values()),
                s.labels().entrySet().stream().map(e -> new DataplaneReply.Dump.Label(e.getKey(), e.getValue())).toList(),
                List.of(new DataplaneReply.Dump.Vni(100, 1)), List.copyOf(s.acls().values()));
    }

    @Test
    void aDumpOfProgrammedTablesEqualsTheTablesSoNothingIsSentAgain() throws Exception {
        DataplaneState programmed = DataplaneState.of(new OperTablesBuilder(new Allocations(state), "127.0.0.11")
                .build(tfConfigForThreeVms(), threePorts(), List.of(new RemotePath(RI, RoutePrefix.parse("27.1.1.9/32"),
                        "127.0.0.12", 20, UDP, "default-domain:demo:vn27", List.of())), UDP));

        DataplaneState dumped = DataplaneState.of(dumpOf(programmed));

        assertThat(dumped).isEqualTo(programmed);
        assertThat(DataplaneChanges.between(dumped, programmed)).isEmpty();
    }

    @Test
    void partialTablesAfterAStartOnlyAddWhatTheDataplaneLacks() throws Exception {
        OperTablesBuilder builder = new OperTablesBuilder(new Allocations(state), "127.0.0.11");
        RemotePath remote = new RemotePath(RI, RoutePrefix.parse("27.1.1.9/32"), "127.0.0.12", 20, UDP,
                "default-domain:demo:vn27", List.of());
        DataplaneState held = DataplaneState.of(dumpOf(DataplaneState.of(builder.build(tfConfigForThreeVms(),
                threePorts().subList(0, 2), List.of(remote), UDP))));
        // Freshly started: the third port is new, the remote route is not re-learned yet, and the first port's
        // route would point elsewhere.
        DataplaneState partial = DataplaneState.of(builder.build(tfConfigForThreeVms(), threePorts(), List.of(), UDP));

        List<DataplaneRequest> changes = DataplaneChanges.between(held, held.plusMissing(partial));

        assertThat(changes).isNotEmpty().allMatch(r -> r.getClass().getSimpleName().startsWith("Add"));
        assertThat(changes).filteredOn(DataplaneRequest.AddInterface.class::isInstance).hasSize(1)
                .allMatch(r -> !held.interfaces().containsKey(((DataplaneRequest.AddInterface) r).vif().index()));
        assertThat(held.plusMissing(partial).routes()).containsAllEntriesOf(held.routes());
        assertThat(DataplaneChanges.between(held.plusMissing(partial), partial))
                .as("once complete, the remote route that was not re-learned goes")
                .anyMatch(r -> r instanceof DataplaneRequest.DeleteRoute d && d.high() == DataplaneState.high(
                        RoutePrefix.parse("27.1.1.9/32")));
    }

    @Test
    void aPluggedPortWithoutConfigHasItsTapInTheUnboundVrfAndKeepsItWhenTheConfigArrives() throws Exception {
        OperTablesBuilder builder = new OperTablesBuilder(new Allocations(state), "127.0.0.11");
        DataplaneState plugged = DataplaneState.of(builder.build(new ConfigImage(), threePorts(), List.of(), UDP));

        assertThat(plugged.vrfs()).containsExactly(Allocations.UNBOUND_VRF);
        assertThat(plugged.interfaces()).hasSize(3);
        assertThat(plugged.interfaces().values()).allSatisfy(i -> {
            assertThat(i.vif().vrf()).isEqualTo(Allocations.UNBOUND_VRF);
            assertThat(i.vif().flags()).isEqualTo(DataplaneRequest.Interface.FLAG_DHCP_TRAP);
            assertThat(i.vif().ipv4()).isZero();
        });
        assertThat(plugged.routes()).as("nothing is reachable from the unbound VRF").isEmpty();

        DataplaneState bound = DataplaneState.of(builder.build(tfConfigForThreeVms(), threePorts(), List.of(), UDP));
        List<DataplaneRequest> changes = DataplaneChanges.between(plugged, bound);

        assertThat(changes).noneMatch(DataplaneRequest.DeleteInterface.class::isInstance);
        assertThat(changes).contains(new DataplaneRequest.DeleteVrf(Allocations.UNBOUND_VRF));
        assertThat(bound.interfaces()).allSatisfy((index, add) -> {
            DataplaneRequest.AddInterface before = plugged.interfaces().get(index);
            assertThat(add.vif().name()).isEqualTo(before.vif().name());
            assertThat(add.namespace()).isEqualTo(before.namespace());
            assertThat(add.renameTo()).isEqualTo(before.renameTo());
            assertThat(add.vif().vrf()).isNotEqualTo(Allocations.UNBOUND_VRF);
        });
    }

    @Test
    void aRestoredPortWhoseConfigIsNotBackYetKeepsItsBoundInterfaceAndAddsNoUnboundVrf() throws Exception {
        OperTablesBuilder builder = new OperTablesBuilder(new Allocations(state), "127.0.0.11");
        DataplaneState held = DataplaneState.of(dumpOf(DataplaneState.of(builder.build(tfConfigForThreeVms(),
                threePorts(), List.of(), UDP))));
        DataplaneState restarted = DataplaneState.of(builder.build(new ConfigImage(), threePorts(), List.of(), UDP,
                OperTablesBuilder.Unused.KEEP));

        assertThat(DataplaneChanges.between(held, held.plusMissing(restarted))).isEmpty();
    }
}
