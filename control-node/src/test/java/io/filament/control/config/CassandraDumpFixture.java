package io.filament.control.config;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one of TF's {@code config_db_uuid} dumps ({@code ifmap/cli1_*.json}: rows of {@code fq_name}, {@code type},
 * {@code prop:<field>}, {@code ref:<type>:<uuid>}, {@code parent:<type>:<uuid>} columns, each a JSON string)
 * into {@code filament.config.v1} values, the form the control node consumes.
 */
final class CassandraDumpFixture {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Snapshot(String key, byte[] value) {
    }

    private CassandraDumpFixture() {
    }

    static List<Snapshot> snapshots(byte[] dump) {
        JsonNode db = JSON.readTree(dump).get(0).get("db");
        Map<String, List<String>> fqByUuid = new HashMap<>();
        for (var row : db.properties()) {
            fqByUuid.put(row.getKey(), fq(row.getValue()));
        }
        List<Snapshot> out = new ArrayList<>();
        for (var row : db.properties()) {
            out.add(snapshot(row.getKey(), row.getValue(), fqByUuid));
        }
        return out;
    }

    private static Snapshot snapshot(String uuid, JsonNode row, Map<String, List<String>> fqByUuid) {
        String type = JSON.readTree(row.get("type").asString()).asString().replace('_', '-');
        List<String> fq = fq(row);
        ObjectNode object = JSON.createObjectNode();
        object.put("uuid", uuid);
        ArrayNode fqArray = object.putArray("fq_name");
        fq.forEach(fqArray::add);
        Map<String, ArrayNode> refs = new HashMap<>();
        for (var column : row.properties()) {
            String[] parts = column.getKey().split(":", 3);
            switch (parts[0]) {
                case "prop" -> object.set(parts[1], clean(JSON.readTree(column.getValue().asString())));
                case "parent" -> {
                    object.put("parent_type", parts[1].replace('_', '-'));
                    object.put("parent_uuid", parts[2]);
                }
                case "ref" -> {
                    List<String> to = fqByUuid.get(parts[2]);
                    if (to != null) {
                        ObjectNode ref = refs.computeIfAbsent(parts[1] + "_refs", k -> object.putArray(k)).addObject();
                        ArrayNode toArray = ref.putArray("to");
                        to.forEach(toArray::add);
                        ref.put("uuid", parts[2]);
                        ref.set("attr", clean(JSON.readTree(column.getValue().asString()).get("attr")));
                    }
                }
                default -> {
                }
            }
        }
        ObjectNode value = JSON.createObjectNode();
        value.put("type", type);
        value.put("uuid", uuid);
        value.put("version", 1);
        value.set("fq_name", fqArray.deepCopy());
        value.set("object", object);
        return new Snapshot(type + "/" + uuid, JSON.writeValueAsBytes(value));
    }

    /** Drops the IF-MAP bookkeeping fields of TF's old database rows; they are not object properties. */
    private static JsonNode clean(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            for (var f : node.properties()) {
                if (!f.getKey().startsWith("ifmap_") && !f.getKey().startsWith("xmlns")) {
                    copy.set(f.getKey(), clean(f.getValue()));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(v -> copy.add(clean(v)));
            return copy;
        }
        return node;
    }

    private static List<String> fq(JsonNode row) {
        List<String> fq = new ArrayList<>();
        JSON.readTree(row.get("fq_name").asString()).forEach(n -> fq.add(n.asString()));
        return fq;
    }
}
