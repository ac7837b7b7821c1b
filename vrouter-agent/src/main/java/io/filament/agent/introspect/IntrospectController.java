package io.filament.agent.introspect;

import io.filament.agent.dataplane.DataplaneProgrammer;
import io.filament.agent.oper.NextHopEntry;
import io.filament.agent.oper.OperTables;
import io.filament.agent.oper.Vrf;
import io.filament.agent.oper.VrfRoute;
import io.filament.agent.runtime.AgentRuntime;
import io.filament.agent.status.FlowJson;
import io.filament.agent.status.StatusReporter;
import io.filament.contracts.net.IpAddress;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's introspection (TF's agent introspect, as JSON), on the management listener (8085):
 * {@code /interfaces}, {@code /vrfs}, {@code /routes?vrf=}, {@code /nexthops}, {@code /flows}, {@code /drops},
 * {@code /xmpp}.
 */
@RestController
class IntrospectController {

    private final AgentRuntime runtime;
    private final DataplaneProgrammer dataplane;
    private final StatusReporter status;
    private final String host;

    IntrospectController(AgentRuntime runtime, DataplaneProgrammer dataplane, StatusReporter status,
                         io.filament.agent.config.AgentProperties properties) {
        this.runtime = runtime;
        this.dataplane = dataplane;
        this.status = status;
        this.host = properties.host().name();
    }

    @GetMapping("/interfaces")
    List<Map<String, Object>> interfaces() {
        OperTables t = runtime.tables();
        return t.interfaces().values().stream().map(i -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("uuid", i.portId().toString());
            m.put("index", i.index());
            m.put("tap", i.tapName());
            m.put("netns", i.netns().orElse(""));
            m.put("ifname", i.ifname());
            m.put("mac", i.mac().toString());
            m.put("ip_address", i.address().map(IpAddress::toString).orElse(""));
            m.put("active", i.active());
            m.put("vrf", i.vrfIndex().map(t::vrfName).orElse(""));
            m.put("vrf_index", i.vrfIndex().orElse(-1));
            m.put("label", i.label().orElse(-1));
            m.put("virtual_network", i.virtualNetwork());
            m.put("security_groups", i.securityGroupIds());
            return m;
        }).toList();
    }

    @GetMapping("/vrfs")
    List<Map<String, Object>> vrfs() {
        OperTables t = runtime.tables();
        return t.vrfs().values().stream().map(v -> Map.<String, Object>of("name", v.name(), "index", v.index(),
                "routes", t.routesOf(v.index()).size())).toList();
    }

    @GetMapping("/routes")
    ResponseEntity<?> routes(@RequestParam("vrf") String vrf) {
        OperTables t = runtime.tables();
        Optional<Vrf> found = t.vrfs().values().stream()
                .filter(v -> v.name().equals(vrf) || String.valueOf(v.index()).equals(vrf)).findFirst();
        if (found.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "vrf '" + vrf + "' is not on this host",
                    "field", "vrf"));
        }
        return ResponseEntity.ok(t.routesOf(found.get().index()).stream().map(r -> route(t, r)).toList());
    }

    private static Map<String, Object> route(OperTables t, VrfRoute r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prefix", r.prefix().toString());
        m.put("origin", r.origin().name());
        m.put("next_hop", r.nextHopId());
        m.put("next_hop_kind", t.nextHops().get(r.nextHopId()).kind().name());
        m.put("label", r.label());
        m.put("virtual_network", r.originNetwork());
        m.put("security_groups", r.securityGroupIds());
        return m;
    }

    @GetMapping("/nexthops")
    List<Map<String, Object>> nextHops() {
        return runtime.tables().nextHops().values().stream().map(IntrospectController::nextHop).toList();
    }

    private static Map<String, Object> nextHop(NextHopEntry nh) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", nh.id());
        m.put("kind", nh.kind().name());
        nh.interfaceId().ifPresent(i -> m.put("interface", i.toString()));
        nh.tunnelDestination().ifPresent(d -> m.put("destination", d));
        nh.encapsulation().ifPresent(e -> m.put("encapsulation", e.wireName()));
        if (nh.kind() == NextHopEntry.Kind.TUNNEL) {
            m.put("label", nh.label());
        }
        return m;
    }

    @GetMapping("/flows")
    Map<String, Object> flows() {
        return Map.of("records_seen", status.flowRecords(),
                "recent", status.recentFlows().stream().map(f -> FlowJson.of(host, f)).toList());
    }

    @GetMapping("/drops")
    Map<String, Object> drops() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataplane_connected", dataplane.connected());
        m.put("drops", status.counters().map(c -> c.drops().stream()
                .map(d -> Map.<String, Object>of("reason", d.reason(), "packets", d.packets())).toList()).orElse(List.of()));
        return m;
    }

    @GetMapping("/xmpp")
    Map<String, Object> xmpp() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("config_peer", runtime.configPeer().orElse(""));
        m.put("encapsulations", runtime.encapsulations().stream().map(e -> e.wireName()).toList());
        m.put("learned_routes", runtime.learnedRouteCounts());
        m.put("sessions", runtime.sessions());
        return m;
    }
}
