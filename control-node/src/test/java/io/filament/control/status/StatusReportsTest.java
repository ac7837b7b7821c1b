package io.filament.control.status;

import io.filament.contracts.status.Aggregation;
import io.filament.contracts.status.StatusFormat;
import io.filament.contracts.status.StatusReport;
import io.filament.control.xmpp.peer.PeerStatus;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class StatusReportsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00.123456Z");
    private final StatusReports reports = new StatusReports("control-node-1", "127.0.0.1");
    private final StatusFormat format = new StatusFormat();

    private static PeerStatus peer(String state, String reason) {
        TreeMap<String, Integer> subscriptions = new TreeMap<>();
        subscriptions.put("d:p:red:red", 1);
        return new PeerStatus("host1", "host1@contrailsystems.com/other-peer", "127.0.0.1:40000", state,
                Instant.parse("2026-11-28T09:59:00Z"), reason, subscriptions, 3, 1, 0, 5, 2, 4, 7, true, 0);
    }

    /** What analytics reads back from the record. */
    private StatusReport published(StatusReport report) {
        return format.read(report.recordKey(), "control/control-node-1", format.write(report));
    }

    @Test
    void reportsAnEstablishedSessionUnderTheAgentsHostName() {
        StatusReport r = published(reports.xmppPeer(peer("ESTABLISHED", ""), NOW));

        assertThat(r.recordKey()).isEqualTo("ObjectXmppPeerInfo:host1");
        assertThat(r.source()).isEqualTo("control/control-node-1");
        assertThat(r.time()).isEqualTo(1795860000123456L);
        assertThat(r.deleted()).isFalse();
        JsonNode data = r.structs().get("XmppPeerInfoData").attributes();
        assertThat(data.path("state_info").path("state").asString()).isEqualTo("Established");
        assertThat(data.path("state_info").path("last_state_at").longValue()).isEqualTo(1795859940000000L);
        assertThat(data.path("identifier").asString()).isEqualTo("host1");
        assertThat(data.path("routing_tables").get(0).asString()).isEqualTo("d:p:red:red");
    }

    @Test
    void reportsAClosedSessionAsIdleWithItsReasonRatherThanDeleted() {
        StatusReport r = published(reports.xmppPeer(peer("CLOSED", "HOLD_TIMER_EXPIRED"), NOW));

        assertThat(r.deleted()).isFalse();
        JsonNode data = r.structs().get("XmppPeerInfoData").attributes();
        assertThat(data.path("state_info").path("state").asString()).isEqualTo("Idle");
        assertThat(data.path("state_info").path("last_state").asString()).isEqualTo("Established");
        assertThat(data.path("close_reason").asString()).isEqualTo("HOLD_TIMER_EXPIRED");
    }

    @Test
    void countsUpSessionsInBgpRouterStateAndDeclaresItsCountersSummed() {
        ControlNodeCounters counters = new ControlNodeCounters();
        counters.routeItemsSent.set(11);

        StatusReport r = published(reports.bgpRouter(List.of(peer("ESTABLISHED", ""), peer("CLOSED", "EOF")), 2, 9,
                counters, NOW));

        assertThat(r.recordKey()).isEqualTo("ObjectBgpRouter:control-node-1");
        JsonNode state = r.structs().get("BgpRouterState").attributes();
        assertThat(state.path("num_xmpp_peer").asLong()).isEqualTo(2);
        assertThat(state.path("num_up_xmpp_peer").asLong()).isEqualTo(1);
        assertThat(state.path("router_id").asString()).isEqualTo("127.0.0.1");
        assertThat(state.path("route_items_sent").asLong()).isEqualTo(11);
        assertThat(r.structs().get("BgpRouterState").aggtypes()).containsEntry("route_items_sent", Aggregation.SUM);
    }

    @Test
    void withdrawsItsPartsWithoutData() {
        StatusReport r = published(reports.xmppPeerWithdrawn("host1", NOW));

        assertThat(r.deleted()).isTrue();
        assertThat(r.structs()).isEmpty();
        assertThat(published(reports.bgpRouterWithdrawn(NOW)).recordKey()).isEqualTo("ObjectBgpRouter:control-node-1");
    }
}
