package io.filament.agent.dataplane;

import io.filament.agent.dataplane.wire.DataplaneRequest;
import io.filament.agent.oper.Allocations;
import io.filament.agent.oper.OperTables;
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

class DataplaneChangesTest {

    static final List<TunnelEncapsulation> UDP = List.of(TunnelEncapsulation.UDP);

    @TempDir
    Path state;

    private static List<String> kinds(List<DataplaneRequest> requests) {
        return requests.stream().map(r -> r.getClass().getSimpleName()).distinct().toList();
    }

    @Test
    void programsAFreshHostBottomUp() throws Exception {
        OperTables t = new OperTablesBuilder(new Allocations(state), "127.0.0.11").build(tfConfigForThreeVms(),
                threePorts(), List.of(new RemotePath(RI, RoutePrefix.parse("27.1.1.9/32"), "127.0.0.12", 20, UDP,
                        "default-domain:demo:vn27", List.of())), UDP);

        List<DataplaneRequest> changes = DataplaneChanges.between(DataplaneState.EMPTY, DataplaneState.of(t));

        assertThat(kinds(changes)).containsExactly("AddVrf", "AddInterface", "AddNextHop", "AddLabel", "AddRoute");
        assertThat(changes).filteredOn(DataplaneRequest.AddInterface.class::isInstance).hasSize(3);
        assertThat(changes).contains(new DataplaneRequest.AddNextHop(new DataplaneRequest.NextHop.Tunnel(
                t.routes().values().stream().filter(r -> r.prefix().toString().equals("27.1.1.9/32")).findFirst()
                        .orElseThrow().nextHopId(), 0, 0x7f00000c, 20, 0)));
    }

    @Test
    void removesADeletedPortTopDownAndLeavesTheRestAlone() throws Exception {
        OperTablesBuilder builder = new OperTablesBuilder(new Allocations(state), "127.0.0.11");
        DataplaneState three = DataplaneState.of(builder.build(tfConfigForThreeVms(), threePorts(), List.of(), UDP));
        DataplaneState two = DataplaneState.of(builder.build(tfConfigForThreeVms(), threePorts().subList(1, 3), List.of(), UDP));

        List<DataplaneRequest> changes = DataplaneChanges.between(three, two);

        assertThat(kinds(changes)).containsExactly("DeleteRoute", "DeleteLabel", "DeleteNextHop", "DeleteInterface");
        assertThat(changes).filteredOn(DataplaneRequest.DeleteRoute.class::isInstance).hasSize(1);
        assertThat(DataplaneChanges.between(two, two)).isEmpty();
    }

    @Test
    void removesTheVrfAfterItsLastInterface() throws Exception {
        OperTablesBuilder builder = new OperTablesBuilder(new Allocations(state), "127.0.0.11");
        DataplaneState one = DataplaneState.of(builder.build(tfConfigForThreeVms(), threePorts().subList(0, 1), List.of(), UDP));

        List<DataplaneRequest> changes = DataplaneChanges.between(one, DataplaneState.EMPTY);

        assertThat(changes.getLast()).isEqualTo(new DataplaneRequest.DeleteVrf(1));
        assertThat(kinds(changes)).containsExactly("DeleteRoute", "DeleteLabel", "DeleteNextHop", "DeleteInterface",
                "DeleteVrf");
    }

    @Test
    void applyingTheChangesToTheStartingStateGivesTheTargetEveryWay() throws Exception {
        OperTablesBuilder builder = new OperTablesBuilder(new Allocations(state), "127.0.0.11");
        DataplaneState empty = DataplaneState.EMPTY;
        DataplaneState one = DataplaneState.of(builder.build(tfConfigForThreeVms(), threePorts().subList(0, 1), List.of(), UDP));
        DataplaneState three = DataplaneState.of(builder.build(tfConfigForThreeVms(), threePorts(),
                List.of(new RemotePath(RI, RoutePrefix.parse("27.1.1.9/32"), "127.0.0.12", 20, UDP,
                        "default-domain:demo:vn27", List.of())), UDP));

        for (DataplaneState from : List.of(empty, one, three)) {
            for (DataplaneState to : List.of(empty, one, three)) {
                assertThat(from.after(DataplaneChanges.between(from, to))).isEqualTo(to);
            }
        }
    }

    @Test
    void aStateAfterSomeRequestsHoldsExactlyThoseThatWereApplied() throws Exception {
        DataplaneState one = DataplaneState.of(new OperTablesBuilder(new Allocations(state), "127.0.0.11")
                .build(tfConfigForThreeVms(), threePorts().subList(0, 1), List.of(), UDP));
        List<DataplaneRequest> changes = DataplaneChanges.between(DataplaneState.EMPTY, one);
        List<DataplaneRequest> withoutInterface = changes.stream()
                .filter(r -> !(r instanceof DataplaneRequest.AddInterface)).toList();

        DataplaneState partial = DataplaneState.EMPTY.after(withoutInterface);

        assertThat(partial.interfaces()).isEmpty();
        assertThat(partial.vrfs()).isEqualTo(one.vrfs());
        assertThat(partial.routes()).isEqualTo(one.routes());
        assertThat(DataplaneChanges.between(partial, one)).containsExactlyElementsOf(
                changes.stream().filter(DataplaneRequest.AddInterface.class::isInstance).toList());
    }
}
