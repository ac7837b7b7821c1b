package io.filament.agent.status;

import io.filament.agent.dataplane.wire.DataplaneReply;
import io.filament.agent.oper.OperTables;
import io.filament.contracts.status.Aggregation;
import io.filament.contracts.status.StatusFormat;
import io.filament.contracts.status.StatusReport;
import io.filament.contracts.status.StatusTable;
import io.filament.contracts.status.UveParts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkReportsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00.000001Z");
    private static final UUID VM = UUID.fromString("0b5e0000-0000-4000-8000-000000000009");
    private final NetworkReports reports = new NetworkReports("agent/host1");
    private final StatusFormat format = new StatusFormat();

    private StatusReport published(StatusReport r) {
        return format.read(r.recordKey(), "agent/host1", format.write(r));
    }

    private static Optional<UUID> vmOf(UUID port) {
        return port.equals(StatusFixtures.CONFIGURED) ? Optional.of(VM) : Optional.empty();
    }

    private static DataplaneReply.Counters counters() {
        return new DataplaneReply.Counters(
                List.of(new DataplaneReply.InterfaceCounters(3, 10, 1000, 20, 2000),
                        new DataplaneReply.InterfaceCounters(4, 7, 700, 8, 800)),
                new DataplaneReply.InterfaceCounters(0, 100, 10000, 200, 20000), List.of());
    }

    @Test
    void reportsTheConfiguredPortsAndTheirVmsPerNetworkUnderUveVirtualNetworkAgent() {
        Map<String, StatusReport> byNetwork = reports.of(StatusFixtures.tables(), NetworkReportsTest::vmOf,
                Optional.empty(), NOW);

        assertThat(byNetwork).containsOnlyKeys(StatusFixtures.RED_VN);
        StatusReport r = published(byNetwork.get(StatusFixtures.RED_VN));
        assertThat(r.recordKey()).isEqualTo("ObjectVNTable:default-domain:demo:red");
        assertThat(r.source()).isEqualTo("agent/host1");
        JsonNode agent = r.structs().get("UveVirtualNetworkAgent").attributes();
        assertThat(agent.path("interface_list").valueStream().map(JsonNode::asString))
                .containsExactly("default-domain:demo:vmi1");
        assertThat(agent.path("vm_list").valueStream().map(JsonNode::asString)).containsExactly(VM.toString());
        assertThat(agent.path("acl").asString()).isEmpty();
        assertThat(agent.path("total_acl_rules").intValue()).isZero();
        assertThat(agent.has("in_tpkts")).as("no counters while the dataplane does not answer").isFalse();
    }

    @Test
    void addsTheTrafficOfTheNetworksInterfacesOnlyDeclaredSum() {
        StatusReport r = published(reports.of(StatusFixtures.tables(), NetworkReportsTest::vmOf,
                Optional.of(counters()), NOW).get(StatusFixtures.RED_VN));

        JsonNode agent = r.structs().get("UveVirtualNetworkAgent").attributes();
        assertThat(agent.path("in_tpkts").longValue()).isEqualTo(10);
        assertThat(agent.path("in_bytes").longValue()).isEqualTo(1000);
        assertThat(agent.path("out_tpkts").longValue()).isEqualTo(20);
        assertThat(agent.path("out_bytes").longValue()).isEqualTo(2000);
        assertThat(r.structs().get("UveVirtualNetworkAgent").aggtypes())
                .containsEntry("in_tpkts", Aggregation.SUM).containsEntry("in_bytes", Aggregation.SUM)
                .containsEntry("out_tpkts", Aggregation.SUM).containsEntry("out_bytes", Aggregation.SUM)
                .doesNotContainKeys("interface_list", "vm_list");
    }

    @Test
    void reportsNoNetworkWithoutAConfiguredPort() {
        OperTables tables = StatusFixtures.tables();
        OperTables unconfiguredOnly = new OperTables(tables.vrfs(),
                new TreeMap<>(Map.of(StatusFixtures.UNCONFIGURED, tables.interfaces().get(StatusFixtures.UNCONFIGURED))),
                tables.nextHops(), tables.routes(), tables.labels(), tables.acls());

        assertThat(reports.of(unconfiguredOnly, NetworkReportsTest::vmOf, Optional.of(counters()), NOW)).isEmpty();
    }

    @Test
    void twoHostsPartsMergeIntoOneNetworkWithListsUnitedAndCountersAdded() {
        NetworkReports host2 = new NetworkReports("agent/host2");
        UveParts uves = new UveParts();
        uves.apply(published(reports.of(StatusFixtures.tables(), NetworkReportsTest::vmOf, Optional.of(counters()), NOW)
                .get(StatusFixtures.RED_VN)));
        StatusReport fromHost2 = host2.of(StatusFixtures.tables(), port -> Optional.of(UUID.randomUUID()),
                Optional.of(counters()), NOW).get(StatusFixtures.RED_VN);
        uves.apply(format.read(fromHost2.recordKey(), "agent/host2", format.write(fromHost2)));

        JsonNode merged = uves.merged(StatusTable.VIRTUAL_NETWORK, StatusFixtures.RED_VN).orElseThrow()
                .path("UveVirtualNetworkAgent");
        assertThat(merged.path("vm_list")).hasSize(2);
        assertThat(merged.path("interface_list")).hasSize(1);
        assertThat(merged.path("in_tpkts").longValue()).isEqualTo(20);
    }
}
