package io.filament.analytics.status;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a status record (Kafka key, {@code ce_source} header, JSON body) and checks it against the format of
 * {@code STATUS-FORMAT.md}. Pure: no clocks, no I/O.
 */
public final class StatusRecordParser {

    private final JsonMapper json;
    private final int maxBodyBytes;

    public StatusRecordParser(JsonMapper json, int maxBodyBytes) {
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    public StatusRecord parse(String recordKey, String ceSource, byte[] body) {
        if (body == null) {
            throw new StatusRecordRejected("value", "null", "status records are never tombstones; send \"deleted\":true");
        }
        if (body.length > maxBodyBytes) {
            throw new StatusRecordRejected("value", body.length + " bytes", "larger than the limit of " + maxBodyBytes);
        }
        JsonNode root = readTree(body);
        UveTable table = table(text(root, "table"));
        String key = text(root, "key");
        String source = text(root, "source");
        String expectedKey = table.tableName() + ":" + key;
        if (recordKey != null && !recordKey.equals(expectedKey)) {
            throw new StatusRecordRejected("key", recordKey, "Kafka key must be " + expectedKey);
        }
        if (ceSource != null && !ceSource.equals(source)) {
            throw new StatusRecordRejected("ce_source", ceSource, "differs from the body's source " + source);
        }
        long time = time(root.get("time"));
        boolean deleted = deleted(root.get("deleted"));
        Map<String, StructPart> structs = structs(root.get("data"), root.get("aggtype"), time, deleted);
        return new StatusRecord(table, key, source, time, deleted, structs);
    }

    private JsonNode readTree(byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            if (root == null || !root.isObject()) {
                throw new StatusRecordRejected("value", "not an object", "the body must be a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            throw new StatusRecordRejected("value", "unparseable", "not JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isString() || node.stringValue().isBlank()) {
            throw new StatusRecordRejected(field, node, "must be a non-empty string");
        }
        return node.stringValue();
    }

    private static UveTable table(String name) {
        return UveTable.byTableName(name)
                .orElseThrow(() -> new StatusRecordRejected("table", name, "not a known object table"));
    }

    private static long time(JsonNode node) {
        if (node == null || !node.canConvertToLong() || !node.isIntegralNumber() || node.longValue() <= 0) {
            throw new StatusRecordRejected("time", node, "must be a positive integer (microseconds since the epoch)");
        }
        return node.longValue();
    }

    private static boolean deleted(JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new StatusRecordRejected("deleted", node, "must be true or false");
        }
        return node.booleanValue();
    }

    private static Map<String, StructPart> structs(JsonNode data, JsonNode aggtype, long time, boolean deleted) {
        if (data == null || data.isNull()) {
            if (!deleted) {
                throw new StatusRecordRejected("data", "missing", "required unless \"deleted\" is true");
            }
            return Map.of();
        }
        if (!data.isObject()) {
            throw new StatusRecordRejected("data", data, "must be an object of structs");
        }
        if (aggtype != null && !aggtype.isNull() && !aggtype.isObject()) {
            throw new StatusRecordRejected("aggtype", aggtype, "must be an object of structs");
        }
        Map<String, StructPart> structs = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> struct : data.properties()) {
            if (!(struct.getValue() instanceof ObjectNode attributes)) {
                throw new StatusRecordRejected("data." + struct.getKey(), struct.getValue(), "a struct must be an object");
            }
            JsonNode declared = aggtype == null ? null : aggtype.get(struct.getKey());
            structs.put(struct.getKey(), new StructPart(time, attributes, aggtypes(struct.getKey(), declared)));
        }
        return structs;
    }

    private static Map<String, AggregationType> aggtypes(String struct, JsonNode declared) {
        if (declared == null || declared.isNull()) {
            return Map.of();
        }
        if (!declared.isObject()) {
            throw new StatusRecordRejected("aggtype." + struct, declared, "must map attribute names to aggregation types");
        }
        Map<String, AggregationType> result = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : declared.properties()) {
            String field = "aggtype." + struct + "." + entry.getKey();
            Optional<AggregationType> type = entry.getValue().isString()
                    ? AggregationType.byWireName(entry.getValue().stringValue()) : Optional.empty();
            result.put(entry.getKey(), type.orElseThrow(() -> new StatusRecordRejected(field, entry.getValue(),
                    "must be one of union, append, sum, latest")));
        }
        return result;
    }
}
