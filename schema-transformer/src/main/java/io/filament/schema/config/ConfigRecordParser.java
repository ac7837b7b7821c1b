package io.filament.schema.config;

import io.filament.schema.config.ConfigBody.GlobalSystemConfig;
import io.filament.schema.config.ConfigBody.GlobalVrouterConfig;
import io.filament.schema.config.ConfigBody.NetworkPolicyConfig;
import io.filament.schema.config.ConfigBody.OtherConfig;
import io.filament.schema.config.ConfigBody.SecurityGroupConfig;
import io.filament.schema.config.ConfigBody.VirtualNetworkConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns one record of {@code filament.config.v1} (key and JSON value, or a tombstone) into a {@link ConfigChange}.
 * Pure: no I/O, no clock. Everything it cannot accept is a {@link ConfigRecordRejected}.
 */
public final class ConfigRecordParser {

    private static final String ROUTE_TARGET_PATTERN = "target:[^:]+:\\d+";

    private final JsonMapper mapper = JsonMapper.builder().build();

    public ConfigChange parse(String key, byte[] value) {
        ConfigKey configKey = ConfigKey.parse(key);
        if (value == null) {
            return new ConfigChange.Removed(configKey);
        }
        JsonNode root;
        try {
            root = mapper.readTree(value);
        } catch (JacksonException malformed) {
            throw new ConfigRecordRejected("value", abbreviated(value), "not JSON: " + malformed.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new ConfigRecordRejected("value", "", "empty record");
        }
        JsonFields envelope = new JsonFields(root, "");
        String type = envelope.requiredString("type");
        String uuid = envelope.requiredString("uuid");
        if (!configKey.equals(ConfigKey.of(type, uuid))) {
            throw new ConfigRecordRejected("type/uuid", type + "/" + uuid, "does not match the record key " + key);
        }
        long version = envelope.optionalLong("version", 0, Long.MAX_VALUE)
                .orElseThrow(() -> new ConfigRecordRejected("version", "null", "required"));
        FqName fqName = new FqName(envelope.strings("fq_name"));
        JsonFields object = envelope.optionalObject("object")
                .orElseThrow(() -> new ConfigRecordRejected("object", "null", "required"));
        return new ConfigChange.Upserted(
                new ConfigObject(configKey, version, fqName, refs(object), body(type, uuid, object)));
    }

    private static List<ObjectRef> refs(JsonFields object) {
        List<ObjectRef> refs = new ArrayList<>();
        for (String field : object.fieldNames()) {
            if (!field.endsWith("_refs")) {
                continue;
            }
            String type = field.substring(0, field.length() - "_refs".length()).replace('_', '-');
            for (JsonFields ref : object.objects(field)) {
                refs.add(new ObjectRef(type, ref.requiredString("uuid"), new FqName(ref.strings("to")),
                        ref.raw("attr")));
            }
        }
        return refs;
    }

    private static ConfigBody body(String type, String uuid, JsonFields object) {
        return switch (type) {
            case "virtual-network" -> virtualNetwork(object);
            case "network-policy" -> new NetworkPolicyConfig(object.optionalObject("network_policy_entries")
                    .map(entries -> PolicyRuleParser.parseRules(entries, uuid)).orElse(List.of()));
            case "security-group" -> securityGroup(object, uuid);
            case "global-system-config" -> globalSystemConfig(object);
            case "global-vrouter-config" -> new GlobalVrouterConfig(
                    object.optionalString("vxlan_network_identifier_mode").map("configured"::equals).orElse(false),
                    forwardingMode(object, "forwarding_mode"));
            default -> new OtherConfig();
        };
    }

    private static VirtualNetworkConfig virtualNetwork(JsonFields object) {
        Optional<JsonFields> properties = object.optionalObject("virtual_network_properties");
        return new VirtualNetworkConfig(
                object.optionalInt("virtual_network_network_id", 1, 16_777_215),
                properties.flatMap(p -> p.optionalInt("vxlan_network_identifier", 1, 16_777_215)),
                properties.flatMap(p -> forwardingMode(p, "forwarding_mode")),
                routeTargets(object, "route_target_list"),
                routeTargets(object, "import_route_target_list"),
                routeTargets(object, "export_route_target_list"));
    }

    private static Optional<String> forwardingMode(JsonFields object, String field) {
        Optional<String> mode = object.optionalString(field);
        mode.filter(m -> !List.of("l2_l3", "l2", "l3").contains(m)).ifPresent(bad -> {
            throw new ConfigRecordRejected(object.path(field), bad, "expected l2_l3, l2 or l3");
        });
        return mode;
    }

    private static List<String> routeTargets(JsonFields object, String field) {
        List<String> targets = object.optionalObject(field).map(list -> list.strings("route_target")).orElse(List.of());
        for (String target : targets) {
            if (!target.matches(ROUTE_TARGET_PATTERN)) {
                throw new ConfigRecordRejected(object.path(field) + ".route_target", target,
                        "expected target:<asn-or-ip>:<number>");
            }
        }
        return targets;
    }

    private static SecurityGroupConfig securityGroup(JsonFields object, String uuid) {
        Optional<Long> configured = object.optionalLong("configured_security_group_id", 0, 4_294_967_295L)
                .filter(id -> id > 0);
        Optional<Long> allocated = object.optionalLong("security_group_id", 0, 4_294_967_295L)
                .filter(id -> id > 0);
        return new SecurityGroupConfig(configured.or(() -> allocated),
                object.optionalObject("security_group_entries")
                        .map(entries -> PolicyRuleParser.parseSecurityGroupRules(entries, uuid)).orElse(List.of()));
    }

    private static GlobalSystemConfig globalSystemConfig(JsonFields object) {
        long asn = object.optionalLong("autonomous_system", 1, 4_294_967_295L).orElse(64512L);
        boolean fourByte = object.optionalBoolean("enable_4byte_as").orElse(false);
        return new GlobalSystemConfig(asn, fourByte || asn > 65_535);
    }

    private static String abbreviated(byte[] value) {
        String text = new String(value, java.nio.charset.StandardCharsets.UTF_8);
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
