package io.filament.agent.status;

import io.filament.agent.dataplane.wire.DataplaneReply;
import io.filament.agent.xmpp.session.PeerState;
import io.filament.agent.xmpp.session.SessionStatus;
import io.filament.contracts.status.Aggregation;
import io.filament.contracts.status.StatusFormat;
import io.filament.contracts.status.StatusReport;
import io.filament.contracts.status.StatusTable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class VrouterReportsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00.000001Z");
    private static final Instant UP_SINCE = Instant.parse("2026-11-28T09:58:00Z");
    private final VrouterReports reports = new VrouterReports("host1", "127.0.0.11", "filament vrouter-agent 0.1.0");
    private final StatusFormat format = new StatusFormat();

    private StatusReport published(StatusReport r) {
        return format.read(r.recordKey(), "agent/host1", format.write(r));
    }

    private static List<SessionStatus> sessions() {
        return List.of(new SessionStatus("127.0.0.1:5269", PeerState.ESTABLISHED, UP_SINCE, "", 0, 0, 3, 0, 9),
                new SessionStatus("127.0.0.2:5269", PeerState.CONNECTING, NOW, "connection refused", 4, 1, 0, 0, 0));
    }

    private static DataplaneReply.Counters counters() {
        return new DataplaneReply.Counters(
                List.of(new DataplaneReply.InterfaceCounters(3, 10, 1000, 20, 2000)),
                new DataplaneReply.InterfaceCounters(0, 100, 10000, 200, 20000),
                List.of(new DataplaneReply.DropCount("POLICY", 4), new DataplaneReply.DropCount("NO_ROUTE", 2),
                        new DataplaneReply.DropCount("PACKET_IN_QUEUE_FULL", 0)));
    }

    @Test
    void reportsInterfacesAndXmppPeersUnderVrouterAgent() {
        StatusReport r = published(reports.vrouter(StatusFixtures.tables(), sessions(), Optional.of("127.0.0.1:5269"),
                Optional.empty(), NOW));

        assertThat(r.recordKey()).isEqualTo("ObjectVRouter:host1");
        assertThat(r.time()).isEqualTo(1795860000000001L);
        assertThat(r.structs()).containsOnlyKeys("VrouterAgent");
        JsonNode agent = r.structs().get("VrouterAgent").attributes();
        assertThat(agent.path("interface_list").valueStream().map(JsonNode::asString))
                .containsExactly("tap6a1f0000-00", "tap6a1f0000-01");
        JsonNode up = agent.path("xmpp_peer_list").get(0);
        assertThat(up.path("ip").asString()).isEqualTo("127.0.0.1");
        assertThat(up.path("status").asBoolean()).isTrue();
        assertThat(up.path("primary").asBoolean()).isTrue();
        assertThat(up.path("setup_time").longValue()).isEqualTo(1795859880000000L);
        JsonNode down = agent.path("xmpp_peer_list").get(1);
        assertThat(down.path("status").asBoolean()).isFalse();
        assertThat(down.path("primary").asBoolean()).isFalse();
        assertThat(down.path("setup_time").longValue()).isZero();
        assertThat(agent.path("down_interface_count").longValue()).isEqualTo(1);
        assertThat(agent.path("build_info").asString()).isEqualTo("filament vrouter-agent 0.1.0");
    }

    @Test
    void reportsDataplaneCountersDeclaredSumWithTfDropNames() {
        StatusReport r = published(reports.vrouter(StatusFixtures.tables(), sessions(), Optional.empty(),
                Optional.of(counters()), NOW));

        JsonNode stats = r.structs().get("VrouterStatsAgent").attributes();
        assertThat(stats.path("in_tpkts").longValue()).isEqualTo(110);
        assertThat(stats.path("out_bytes").longValue()).isEqualTo(22000);
        assertThat(stats.path("raw_drop_stats").path("ds_flow_action_drop").longValue()).isEqualTo(4);
        assertThat(stats.path("raw_drop_stats").path("ds_nowhere_to_go").longValue()).isEqualTo(2);
        assertThat(stats.path("raw_drop_stats").path("ds_packet_in_queue_full").longValue()).isZero();
        assertThat(r.structs().get("VrouterStatsAgent").aggtypes()).containsEntry("in_tpkts", Aggregation.SUM)
                .containsEntry("in_bytes", Aggregation.SUM).containsEntry("out_tpkts", Aggregation.SUM)
                .containsEntry("out_bytes", Aggregation.SUM).containsEntry("raw_drop_stats", Aggregation.SUM);
    }

    @Test
    void reportsAConfiguredPortUnderItsFqNameAndNoneWithoutConfig() {
        var t = StatusFixtures.tables();

        StatusReport r = published(reports.vmi(t.interfaces().get(StatusFixtures.CONFIGURED), t, NOW).orElseThrow());

        assertThat(r.recordKey()).isEqualTo("ObjectVMITable:default-domain:demo:vmi1");
        JsonNode port = r.structs().get("UveVMInterfaceAgent").attributes();
        assertThat(port.path("virtual_network").asString()).isEqualTo(StatusFixtures.RED_VN);
        assertThat(port.path("vrf_name").asString()).isEqualTo(StatusFixtures.RED_RI);
        assertThat(port.path("ip_address").asString()).isEqualTo("10.1.1.3");
        assertThat(port.path("label").intValue()).isEqualTo(16);
        assertThat(reports.vmi(t.interfaces().get(StatusFixtures.UNCONFIGURED), t, NOW)).isEmpty();
    }

    @Test
    void reportsTheConfigVersionsTheDataplaneHoldsAsRealised() {
        var realised = VrouterReports.realised(StatusFixtures.tables());

        assertThat(realised).containsOnly(
                java.util.Map.entry("virtual-machine-interface:" + StatusFixtures.CONFIGURED, 4L),
                java.util.Map.entry("virtual-network:" + StatusFixtures.RED_VN_UUID, 7L));
        StatusReport r = published(reports.realisation("virtual-machine-interface:" + StatusFixtures.CONFIGURED, 4, NOW));
        assertThat(r.recordKey()).isEqualTo("ObjectConfigRealisation:virtual-machine-interface:" + StatusFixtures.CONFIGURED);
        assertThat(r.structs().get("ConfigRealisation").attributes().path("realised_version").longValue()).isEqualTo(4);
        assertThat(published(reports.realisationWithdrawn("virtual-network:" + StatusFixtures.RED_VN_UUID, NOW)).deleted())
                .isTrue();
        assertThat(VrouterReports.realised(io.filament.agent.oper.OperTables.EMPTY)).isEmpty();
    }

    @Test
    void withdrawsAPortThatWentAway() {
        StatusReport r = published(reports.vmiWithdrawn("default-domain:demo:vmi1", NOW));

        assertThat(r.table()).isEqualTo(StatusTable.VIRTUAL_MACHINE_INTERFACE);
        assertThat(r.deleted()).isTrue();
        assertThat(r.structs()).isEmpty();
    }
}
