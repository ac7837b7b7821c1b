package io.filament.control.desired;

import io.filament.control.config.ConfigObject;
import io.filament.control.config.ConfigRecordException;
import io.filament.control.rib.RoutingInstanceSpec;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads {@code filament.desired.v1} records (key {@code <type>/<id>}, JSON value written by the schema
 * transformer, null for a removal):
 *
 * <pre>
 * routing-instance/&lt;ri fq-name&gt;   {"name", "virtual_network", "import_route_targets": [...],
 *                                  "export_route_targets": [...], "routing_instance_is_default", "vni", …}
 * network-acl/&lt;acl fq-name&gt;       {"name", "virtual_network", "acl_rule": [...], "dynamic"}
 * security-group-acl/&lt;fq-name&gt;     {"name", "security_group", "direction", "acl_rule": [...]}
 * connection/&lt;a&gt;,&lt;b&gt;, route-target/&lt;rt&gt;   (used through the instances' import targets)
 * </pre>
 */
public final class DesiredStateReader {

    /**
     * Property names are not canonicalised: every record's {@code derived_from} is keyed by object uuids, so a
     * shared symbol table would only grow, and each parse that adds to it copies it first.
     */
    private final JsonMapper mapper = JsonMapper.builder(JsonFactory.builder()
            .disable(TokenStreamFactory.Feature.CANONICALIZE_PROPERTY_NAMES).build()).build();

    public DesiredChange read(String key, byte[] value) {
        int slash = key.indexOf('/');
        if (slash <= 0 || slash == key.length() - 1) {
            throw new ConfigRecordException(key, "key", key, "expected <type>/<id>");
        }
        String type = key.substring(0, slash);
        String id = key.substring(slash + 1);
        if (value == null) {
            return new DesiredChange.Removed(type, id);
        }
        JsonNode root;
        try {
            root = mapper.readTree(value);
        } catch (JacksonException e) {
            throw new ConfigRecordException(key, "value", "", "not JSON: " + e.getOriginalMessage());
        }
        return switch (type) {
            case "routing-instance" -> routingInstance(key, id, root);
            case "network-acl" -> acl(key, id, root, "virtual_network", "virtual-network");
            case "security-group-acl" -> acl(key, id, root, "security_group", "security-group");
            case "connection", "route-target" -> new DesiredChange.NotUsed(key);
            default -> throw new ConfigRecordException(key, "type", type, "unknown desired-state type");
        };
    }

    private DesiredChange routingInstance(String key, String id, JsonNode root) {
        String name = text(key, root, "name");
        if (!name.equals(id)) {
            throw new ConfigRecordException(key, "name", name, "differs from the key's id");
        }
        String network = text(key, root, "virtual_network");
        RoutingInstanceSpec spec = new RoutingInstanceSpec(name, network, targets(key, root, "import_route_targets"),
                targets(key, root, "export_route_targets"));
        TreeMap<String, JsonNode> props = new TreeMap<>();
        props.put("routing_instance_is_default", root.path("routing_instance_is_default").isBoolean()
                ? root.get("routing_instance_is_default") : JsonNodeFactory.instance.booleanNode(true));
        if (root.has("vni")) {
            props.put("vxlan_id", root.get("vni"));
        }
        if (root.has("forwarding_mode")) {
            props.put("forwarding_mode", root.get("forwarding_mode"));
        }
        return new DesiredChange.RoutingInstance(spec, node("routing-instance", name, "virtual-network", network, props));
    }

    private DesiredChange acl(String key, String id, JsonNode root, String ownerField, String ownerType) {
        String name = text(key, root, "name");
        String owner = text(key, root, ownerField);
        JsonNode rules = root.get("acl_rule");
        if (rules == null || !rules.isArray()) {
            throw new ConfigRecordException(key, "acl_rule", String.valueOf(rules), "missing or not a list");
        }
        ObjectNode entries = JsonNodeFactory.instance.objectNode();
        entries.put("dynamic", root.path("dynamic").asBoolean(false));
        entries.set("acl_rule", rules);
        if (root.has("direction")) {
            entries.set("direction", root.get("direction"));
        }
        TreeMap<String, JsonNode> props = new TreeMap<>(Map.of("access_control_list_entries", entries));
        return new DesiredChange.AccessControlList(node("access-control-list", name, ownerType, owner, props));
    }

    private static ConfigObject node(String type, String name, String parentType, String parentName,
                                     TreeMap<String, JsonNode> props) {
        List<String> fq = Arrays.asList(name.split(":"));
        Optional<String> parent = name.startsWith(parentName + ":") ? Optional.of(parentType) : Optional.empty();
        return new ConfigObject(type, "", 0, fq, parent, props, List.of());
    }

    private static Set<String> targets(String key, JsonNode root, String field) {
        JsonNode list = root.get(field);
        if (list == null || !list.isArray()) {
            throw new ConfigRecordException(key, field, String.valueOf(list), "missing or not a list");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode rt : list) {
            String s = rt.asString();
            if (!s.matches("target:[0-9.]+:[0-9]+")) {
                throw new ConfigRecordException(key, field, s, "not a route target target:<asn|ip>:<number>");
            }
            out.add(s);
        }
        return out;
    }

    private static String text(String key, JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isString() || n.asString().isEmpty()) {
            throw new ConfigRecordException(key, field, String.valueOf(n), "missing");
        }
        return n.asString();
    }
}
