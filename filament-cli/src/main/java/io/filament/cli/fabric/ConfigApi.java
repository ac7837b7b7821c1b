package io.filament.cli.fabric;

import io.filament.cli.http.ServiceClient;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Declares intent through the VNC REST API, in Tungsten Fabric's request shapes: what an orchestrator
 * (Neutron plugin, kube-manager, a script) sends to create projects, networks, policies, VMs and ports.
 */
public final class ConfigApi {

    private final ServiceClient http;

    public ConfigApi(String address) {
        this.http = new ServiceClient("config-api", address);
    }

    public ServiceClient http() {
        return http;
    }

    static tools.jackson.databind.json.JsonMapper json() {
        return ServiceClient.json();
    }

    public static ObjectNode object() {
        return ServiceClient.json().createObjectNode();
    }

    public static ArrayNode fqName(List<String> parts) {
        ArrayNode array = ServiceClient.json().createArrayNode();
        parts.forEach(array::add);
        return array;
    }

    /** POSTs {@code {"<type>": body}} to {@code /<type>s} and returns the new object's uuid. */
    public String create(String type, ObjectNode body) {
        JsonNode created = http.post("/" + type + "s", object().set(type, body));
        return created.path(type).path("uuid").asString();
    }

    public JsonNode read(String type, String uuid) {
        return http.get("/" + type + "/" + uuid).path(type);
    }

    public void update(String type, String uuid, ObjectNode body) {
        http.put("/" + type + "/" + uuid, object().set(type, body));
    }

    public void delete(String type, String uuid) {
        http.delete("/" + type + "/" + uuid);
    }

    public String uuidOf(String type, List<String> fqName) {
        ObjectNode request = object().put("type", type);
        request.set("fq_name", fqName(fqName));
        return http.post("/fqname-to-id", request).path("uuid").asString();
    }

    /** {@code /ref-update}: adds or removes one reference, with its attribute on ADD. */
    public void refUpdate(String operation, String type, String uuid, String refType, String refUuid, JsonNode attr) {
        ObjectNode request = object()
                .put("operation", operation)
                .put("type", type)
                .put("uuid", uuid)
                .put("ref-type", refType)
                .put("ref-uuid", refUuid);
        if (attr != null) {
            request.set("attr", attr);
        }
        http.post("/ref-update", request);
    }

    static ObjectNode ref(List<String> to, JsonNode attr) {
        ObjectNode ref = object();
        ref.set("to", fqName(to));
        if (attr != null) {
            ref.set("attr", attr);
        }
        return ref;
    }

    static ObjectNode child(List<String> fqName, String parentType) {
        ObjectNode body = object();
        body.set("fq_name", fqName(fqName));
        if (parentType != null) {
            body.put("parent_type", parentType);
        }
        return body;
    }
}
