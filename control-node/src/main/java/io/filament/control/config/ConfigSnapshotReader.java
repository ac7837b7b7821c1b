package io.filament.control.config;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads {@code filament.config.v1} values ({@code {"type","uuid","version","fq_name","object":{…}}}) into
 * {@link ConfigObject}s. Everything in {@code object} other than identity, parent, hrefs and
 * {@code *_refs} / {@code *_back_refs} is a property. A reference attribute that is null or empty makes a plain
 * link; any other becomes a midnode (see {@link ConfigGraph}).
 */
public final class ConfigSnapshotReader {

    private static final Set<String> IDENTITY = Set.of("uuid", "fq_name", "name", "parent_type", "parent_uuid",
            "href", "parent_href");

    private final JsonMapper mapper = JsonMapper.builder().build();

    /** Parses one record; {@code key} is the Kafka key {@code <type>/<uuid>} and only names the record in errors. */
    public ConfigObject read(String key, byte[] value) {
        JsonNode root;
        try {
            root = mapper.readTree(value);
        } catch (JacksonException e) {
            throw new ConfigRecordException(key, "value", "", "not JSON: " + e.getOriginalMessage());
        }
        String type = text(key, root, "type");
        String uuid = text(key, root, "uuid");
        JsonNode object = root.get("object");
        if (object == null || !object.isObject()) {
            throw new ConfigRecordException(key, "object", String.valueOf(object), "missing or not an object");
        }
        List<String> fq = new ArrayList<>();
        JsonNode fqNode = root.has("fq_name") ? root.get("fq_name") : object.get("fq_name");
        if (fqNode == null || !fqNode.isArray() || fqNode.isEmpty()) {
            throw new ConfigRecordException(key, "fq_name", String.valueOf(fqNode), "missing or empty");
        }
        fqNode.forEach(n -> fq.add(n.asString()));
        TreeMap<String, JsonNode> props = new TreeMap<>();
        List<ConfigRef> refs = new ArrayList<>();
        for (var field : object.properties()) {
            String name = field.getKey();
            if (IDENTITY.contains(name) || name.endsWith("_back_refs")) {
                continue;
            }
            if (name.endsWith("_refs")) {
                refs.addAll(refs(key, name, field.getValue()));
            } else if (!field.getValue().isNull()) {
                props.put(name, field.getValue());
            }
        }
        Optional<String> parentType = Optional.ofNullable(object.get("parent_type"))
                .filter(JsonNode::isString).map(JsonNode::asString).filter(s -> !s.isEmpty());
        return new ConfigObject(type, uuid, root.path("version").asLong(0), fq, parentType, props, refs);
    }

    private static List<ConfigRef> refs(String key, String field, JsonNode list) {
        if (!list.isArray()) {
            throw new ConfigRecordException(key, field, list.toString(), "not a list");
        }
        String toType = field.substring(0, field.length() - "_refs".length()).replace('_', '-');
        List<ConfigRef> out = new ArrayList<>();
        for (JsonNode ref : list) {
            JsonNode to = ref.get("to");
            if (to == null || !to.isArray() || to.isEmpty()) {
                throw new ConfigRecordException(key, field + "/to", String.valueOf(to), "missing or empty");
            }
            List<String> fq = new ArrayList<>();
            to.forEach(n -> fq.add(n.asString()));
            JsonNode attr = ref.get("attr");
            out.add(new ConfigRef(toType, fq, ref.path("uuid").asString(""),
                    attr == null || attr.isNull() || attr.isEmpty() ? Optional.empty() : Optional.of(attr)));
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
