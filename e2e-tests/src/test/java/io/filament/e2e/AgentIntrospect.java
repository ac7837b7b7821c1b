package io.filament.e2e;

import io.filament.cli.http.ServiceClient;
import io.filament.cli.http.ServiceError;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A host agent's introspection on port 8085 of its fabric address: its oper tables as JSON. */
public record AgentIntrospect(String host) {

    private ServiceClient client() {
        return new ServiceClient("agent " + host, RunningStack.fabricAddress(host) + ":8085");
    }

    public List<JsonNode> interfaces() {
        return rows(client().get("/interfaces"));
    }

    /** The VRFs with their indexes and route counts. */
    public List<JsonNode> vrfs() {
        return rows(client().get("/vrfs"));
    }

    /** The routes of a VRF; none when the host has no such VRF (the agent answers 404 naming it). */
    public List<JsonNode> routes(String vrf) {
        try {
            return rows(client().get("/routes?vrf=" + vrf));
        } catch (ServiceError e) {
            if (e.status() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    /** The prefixes of a VRF's routes, e.g. {@code 10.1.1.3/32}. */
    public List<String> prefixes(String vrf) {
        return routes(vrf).stream().map(r -> r.path("prefix").asString()).toList();
    }

    public JsonNode interfaceOf(String vmiUuid) {
        return interfaces().stream().filter(i -> i.path("uuid").asString().equals(vmiUuid)).findFirst()
                .orElseThrow(() -> new AssertionError("agent " + host + " has no interface " + vmiUuid));
    }

    public JsonNode xmpp() {
        return client().get("/xmpp");
    }

    private static List<JsonNode> rows(JsonNode array) {
        List<JsonNode> rows = new ArrayList<>();
        array.forEach(rows::add);
        return rows;
    }
}
