package io.filament.control.status;

import io.filament.control.xmpp.peer.PeerStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds TF's {@code XmppPeerInfoData} and {@code BgpRouterState} attributes from the control node's own state.
 */
public final class StatusReports {

    private StatusReports() {
    }

    public static StatusRecord xmppPeer(String controlNode, PeerStatus p) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("state", p.state().equals("ESTABLISHED") ? "Established" : "Idle");
        state.put("last_event", p.lastStateChangeReason());
        state.put("last_state_at", p.since() == null ? 0 : p.since().toEpochMilli() * 1000);
        Map<String, Object> rx = Map.of("reach", p.routesReceived(), "unreach", p.routesWithdrawn(),
                "end_of_rib", p.endOfRibReceived() ? 1 : 0, "total", p.routesReceived() + p.routesWithdrawn());
        Map<String, Object> tx = Map.of("reach", p.itemsSent(), "unreach", p.retractsSent(),
                "total", p.itemsSent() + p.retractsSent());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", controlNode + ":" + p.hostname());
        data.put("identifier", p.jid());
        data.put("state_info", state);
        data.put("routing_tables", new ArrayList<>(p.subscriptions().keySet()));
        data.put("peer_stats_info", Map.of("rx_update_stats", rx, "tx_update_stats", tx,
                "rx_error_stats", Map.of("inet6_bad_xml_token_count", p.itemsRejected())));
        data.put("config_objects_sent", p.configObjectsPushed());
        data.put("remote_address", p.remoteAddress());
        return new StatusRecord("ObjectXmppPeerInfo", controlNode + ":" + p.hostname(), controlNode,
                !p.state().equals("ESTABLISHED"), data);
    }

    public static StatusRecord bgpRouter(String controlNode, List<PeerStatus> peers, int instances, int paths,
                                         ControlNodeCounters counters) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("num_xmpp_peer", peers.size());
        data.put("num_up_xmpp_peer", peers.stream().filter(p -> p.state().equals("ESTABLISHED")).count());
        data.put("num_routing_instance", instances);
        data.put("num_paths", paths);
        data.put("route_items_sent", counters.routeItemsSent.get());
        data.put("route_retracts_sent", counters.routeRetractsSent.get());
        data.put("config_objects_sent", counters.configObjectsPushed.get());
        return new StatusRecord("ObjectBgpRouter", controlNode, controlNode, false, data);
    }
}
