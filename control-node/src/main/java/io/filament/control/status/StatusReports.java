package io.filament.control.status;

import io.filament.contracts.status.Aggregation;
import io.filament.contracts.status.StatusReport;
import io.filament.contracts.status.StatusStruct;
import io.filament.contracts.status.StatusTable;
import io.filament.contracts.status.StatusTime;
import io.filament.control.xmpp.peer.PeerStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This control node's UVE contributions, with TF's struct and attribute names: {@code ObjectXmppPeerInfo:<host>}
 * ({@code XmppPeerInfoData}) per agent that ever held a session, and {@code ObjectBgpRouter:<name>}
 * ({@code BgpRouterState}). A closed session is reported with state {@code Idle}; the part is withdrawn only
 * when this node stops reporting. Source {@code control/<name>}. Pure: the caller passes the time.
 */
public final class StatusReports {

    /** TF's XMPP state names ({@code xmpp_state_machine.cc}). */
    static final String ESTABLISHED = "Established";
    static final String IDLE = "Idle";

    private final String name;
    private final String source;
    private final String routerId;

    public StatusReports(String name, String routerId) {
        this.name = name;
        this.source = "control/" + name;
        this.routerId = routerId;
    }

    public String source() {
        return source;
    }

    public StatusReport xmppPeer(PeerStatus p, Instant now) {
        boolean up = p.state().equals("ESTABLISHED");
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("state", up ? ESTABLISHED : IDLE);
        state.put("last_state", up ? "OpenConfirm" : ESTABLISHED);
        state.put("last_event", up ? "xmpp::EvXmppOpen" : p.lastStateChangeReason());
        state.put("last_state_at", p.since() == null ? 0 : StatusTime.micros(p.since()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", p.hostname());
        data.put("identifier", p.hostname());
        data.put("state_info", state);
        data.put("send_state", up ? "in sync" : "not advertising");
        if (!up) {
            data.put("close_reason", p.lastStateChangeReason());
        }
        data.put("routing_tables", new ArrayList<>(p.subscriptions().keySet()));
        data.put("peer_stats_info", Map.of(
                "rx_update_stats", Map.of("reach", p.routesReceived(), "unreach", p.routesWithdrawn(),
                        "end_of_rib", p.endOfRibReceived() ? 1 : 0, "total", p.routesReceived() + p.routesWithdrawn()),
                "tx_update_stats", Map.of("reach", p.itemsSent(), "unreach", p.retractsSent(),
                        "total", p.itemsSent() + p.retractsSent()),
                "rx_error_stats", Map.of("inet6_bad_xml_token_count", p.itemsRejected())));
        data.put("config_objects_sent", p.configObjectsPushed());
        data.put("remote_address", p.remoteAddress());
        return StatusReport.update(StatusTable.XMPP_PEER, p.hostname(), source, now,
                List.of(StatusStruct.of("XmppPeerInfoData", data)));
    }

    public StatusReport bgpRouter(List<PeerStatus> peers, int instances, int paths, ControlNodeCounters counters,
                                  Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("router_id", routerId);
        data.put("num_xmpp_peer", peers.size());
        data.put("num_up_xmpp_peer", peers.stream().filter(p -> p.state().equals("ESTABLISHED")).count());
        data.put("num_bgp_peer", 0);
        data.put("num_up_bgp_peer", 0);
        data.put("num_routing_instance", instances);
        data.put("num_paths", paths);
        data.put("route_items_sent", counters.routeItemsSent.get());
        data.put("route_retracts_sent", counters.routeRetractsSent.get());
        data.put("config_objects_sent", counters.configObjectsPushed.get());
        StatusStruct state = StatusStruct.of("BgpRouterState", data)
                .declaring("route_items_sent", Aggregation.SUM)
                .declaring("route_retracts_sent", Aggregation.SUM)
                .declaring("config_objects_sent", Aggregation.SUM);
        return StatusReport.update(StatusTable.CONTROL_NODE, name, source, now, List.of(state));
    }

    public StatusReport xmppPeerWithdrawn(String host, Instant now) {
        return StatusReport.withdrawal(StatusTable.XMPP_PEER, host, source, now);
    }

    public StatusReport bgpRouterWithdrawn(Instant now) {
        return StatusReport.withdrawal(StatusTable.CONTROL_NODE, name, source, now);
    }
}
