package io.filament.contracts.status;

import static io.filament.contracts.status.RecordBodies.text;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON body of a {@code filament.status.v1} record: {@link #write} for producers, {@link #read} with every
 * check analytics applies before a record is merged (a record failing one goes to the dead-letter topic).
 * Pure: no clocks, no I/O; thread-safe.
 */
public final class StatusFormat {

    /** Analytics' default limit of a record body, {@code filament.analytics.ingest.max-record-bytes}. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 64 * 1024;

    private final JsonMapper json;
    private final int maxRecordBytes;

    public StatusFormat(JsonMapper json, int maxRecordBytes) {
        this.json = json;
        this.maxRecordBytes = maxRecordBytes;
    }

    public StatusFormat() {
        this(JsonMapper.builder().build(), DEFAULT_MAX_RECORD_BYTES);
    }

    /**
     * The body of {@code report}.
     *
     * @throws InvalidStatusRecordException when the body would be larger than the record limit
     */
    public byte[] write(StatusReport report) {
        ObjectNode root = json.createObjectNode();
        root.put("table", report.table().tableName());
        root.put("key", report.key());
        root.put("source", report.source());
        root.put("time", report.time());
        root.put("deleted", report.deleted());
        if (!report.structs().isEmpty()) {
            ObjectNode data = root.putObject("data");
            ObjectNode aggtype = json.createObjectNode();
            report.structs().forEach((name, struct) -> {
                data.set(name, struct.attributes());
                if (!struct.aggtypes().isEmpty()) {
                    ObjectNode declared = aggtype.putObject(name);
                    struct.aggtypes().forEach((attribute, a) -> declared.put(attribute, a.wireName()));
                }
            });
            if (!aggtype.isEmpty()) {
                root.set("aggtype", aggtype);
            }
        }
        byte[] body = json.writeValueAsBytes(root);
        if (body.length > maxRecordBytes) {
            throw new InvalidStatusRecordException("value", body.length + " bytes",
                    report.recordKey() + " is larger than the record limit of " + maxRecordBytes);
        }
        return body;
    }

    /**
     * Reads and checks one record.
     *
     * @param recordKey the Kafka key, must be {@code <table>:<key>}; null skips that check
     * @param ceSource  the {@code ce_source} header, must equal the body's source; null when absent
     * @param body      the record value
     * @throws InvalidStatusRecordException naming the first field that breaks a rule
     */
    public StatusReport read(String recordKey, String ceSource, byte[] body) {
        if (body == null) {
            throw new InvalidStatusRecordException("value", "null", "status records are never tombstones; send \"deleted\":true");
        }
        if (body.length > maxRecordBytes) {
            throw new InvalidStatusRecordException("value", body.length + " bytes", "larger than the limit of " + maxRecordBytes);
        }
        JsonNode root = RecordBodies.object(json, body);
        StatusTable table = table(text(root, "table"));
        String key = text(root, "key");
        String source = text(root, "source");
        String expectedKey = table.tableName() + ":" + key;
        if (recordKey != null && !recordKey.equals(expectedKey)) {
            throw new InvalidStatusRecordException("key", recordKey, "Kafka key must be " + expectedKey);
        }
        if (ceSource != null && !ceSource.equals(source)) {
            throw new InvalidStatusRecordException("ce_source", ceSource, "differs from the body's source " + source);
        }
        long time = time(root.get("time"));
        boolean deleted = deleted(root.get("deleted"));
        return new StatusReport(table, key, source, time, deleted, structs(root.get("data"), root.get("aggtype"), deleted));
    }



    private static StatusTable table(String name) {
        return StatusTable.byTableName(name)
                .orElseThrow(() -> new InvalidStatusRecordException("table", name, "not a known object table"));
    }

    private static long time(JsonNode node) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() <= 0) {
            throw new InvalidStatusRecordException("time", node, "must be a positive integer (microseconds since the epoch)");
        }
        return node.longValue();
    }

    private static boolean deleted(JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new InvalidStatusRecordException("deleted", node, "must be true or false");
        }
        return node.booleanValue();
    }

    private static Map<String, StatusStruct> structs(JsonNode data, JsonNode aggtype, boolean deleted) {
        if (data == null || data.isNull()) {
            if (!deleted) {
                throw new InvalidStatusRecordException("data", "missing", "required unless \"deleted\" is true");
            }
            return Map.of();
        }
        if (!data.isObject()) {
            throw new InvalidStatusRecordException("data", data, "must be an object of structs");
        }
        if (aggtype != null && !aggtype.isNull() && !aggtype.isObject()) {
            throw new InvalidStatusRecordException("aggtype", aggtype, "must be an object of structs");
        }
        Map<String, StatusStruct> structs = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> struct : data.properties()) {
            if (!(struct.getValue() instanceof ObjectNode attributes)) {
                throw new InvalidStatusRecordException("data." + struct.getKey(), struct.getValue(), "a struct must be an object");
            }
            JsonNode declared = aggtype == null ? null : aggtype.get(struct.getKey());
            structs.put(struct.getKey(), new StatusStruct(struct.getKey(), attributes, aggtypes(struct.getKey(), declared)));
        }
        return structs;
    }

    private static Map<String, Aggregation> aggtypes(String struct, JsonNode declared) {
        if (declared == null || declared.isNull()) {
            return Map.of();
        }
        if (!declared.isObject()) {
            throw new InvalidStatusRecordException("aggtype." + struct, declared, "must map attribute names to aggregation types");
        }
        Map<String, Aggregation> result = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : declared.properties()) {
            String field = "aggtype." + struct + "." + entry.getKey();
            Optional<Aggregation> type = entry.getValue().isString()
                    ? Aggregation.byWireName(entry.getValue().stringValue()) : Optional.empty();
            result.put(entry.getKey(), type.orElseThrow(() -> new InvalidStatusRecordException(field, entry.getValue(),
                    "must be one of union, append, sum, latest")));
        }
        return result;
    }
}
