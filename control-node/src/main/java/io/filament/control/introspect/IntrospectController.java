package io.filament.control.introspect;

import io.filament.contracts.xmpp.RoutePrefix;
import io.filament.contracts.xmpp.XmppPayloadException;
import io.filament.control.ControlNode;
import io.filament.control.config.ConfigService;
import io.filament.control.rib.Path;
import io.filament.control.rib.RouteSelection;
import io.filament.control.xmpp.peer.PeerStatus;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Introspection (TF: 8083): peers, routing instances, routes with the reason their best path won, owed config. */
@RestController
class IntrospectController {

    private final ControlNode node;

    IntrospectController(ControlNode node) {
        this.node = node;
    }

    @GetMapping("/peers")
    List<PeerStatus> peers() {
        return node.peers().statuses();
    }

    @GetMapping("/routing-instances")
    List<Map<String, Object>> routingInstances() {
        return node.rib().read(rib -> rib.instances().values().stream().map(spec -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", spec.name());
            m.put("virtual_network", spec.virtualNetwork());
            m.put("import_targets", spec.importTargets());
            m.put("export_targets", spec.exportTargets());
            m.put("subscribers", rib.subscribers(spec.name()).stream().map(s -> s.peer() + ":" + s.instanceId()).toList());
            m.put("prefixes", rib.table(spec.name()).size());
            return m;
        }).toList()).join();
    }

    @GetMapping("/routes")
    List<Map<String, Object>> routes(@RequestParam("ri") String instance, @RequestParam("prefix") Optional<String> prefix) {
        Optional<RoutePrefix> only = prefix.map(RoutePrefix::parse);
        return node.rib().read(rib -> {
            List<Map<String, Object>> out = new ArrayList<>();
            rib.table(instance).forEach((p, paths) -> {
                if (only.isEmpty() || only.get().equals(p)) {
                    Optional<RouteSelection> sel = rib.selection(instance, p);
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("prefix", p.toString());
                    m.put("best", sel.map(s -> describe(s.best())).orElse(null));
                    m.put("reason", sel.map(s -> s.reason().text()).orElse(""));
                    m.put("ecmp", sel.map(s -> s.ecmp().stream().map(IntrospectController::describe).toList()).orElse(List.of()));
                    m.put("paths", paths.values().stream().map(IntrospectController::describe).toList());
                    out.add(m);
                }
            });
            return out;
        }).join();
    }

    @GetMapping("/config")
    Map<String, Object> config(@RequestParam("vrouter") String vrouter) {
        var owed = node.config().owed(vrouter).join();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vrouter", ConfigService.virtualRouterKey(vrouter).name());
        m.put("nodes", owed.nodes().keySet().stream().map(k -> k.type() + ":" + k.name()).toList());
        m.put("links", owed.links().stream().map(l -> l.left() + " -- " + l.right() + " (" + l.metadata() + ")").toList());
        return m;
    }

    @ExceptionHandler(XmppPayloadException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    Map<String, String> badParameter(XmppPayloadException e) {
        return Map.of("field", e.field(), "value", e.value(), "error", e.getMessage());
    }

    private static Map<String, Object> describe(Path p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("peer", p.key().peer());
        m.put("source_rd", p.key().sourceRd());
        m.put("origin_instance", p.originInstance());
        m.put("origin_vn", p.originNetwork());
        m.put("next_hop", p.nextHop().address());
        m.put("label", p.nextHop().label());
        m.put("encapsulations", p.nextHop().encapsulations().stream().map(e -> e.wireName()).toList());
        m.put("local_preference", p.entry().localPreference());
        m.put("med", p.entry().effectiveMed());
        m.put("security_groups", p.entry().securityGroups());
        return m;
    }
}
