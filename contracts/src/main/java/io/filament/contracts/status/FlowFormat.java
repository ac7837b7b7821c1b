package io.filament.contracts.status;

import static io.filament.contracts.status.RecordBodies.text;

import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON body of a {@code filament.flows.v1} record, TF's {@code FlowRecordTable} field names: {@link #write}
 * for agents, {@link #read} with the checks analytics applies. Pure: no clocks, no I/O; thread-safe.
 */
public final class FlowFormat {

    private final JsonMapper json;
    private final int maxRecordBytes;

    public FlowFormat(JsonMapper json, int maxRecordBytes) {
        this.json = json;
        this.maxRecordBytes = maxRecordBytes;
    }

    public FlowFormat() {
        this(JsonMapper.builder().build(), StatusFormat.DEFAULT_MAX_RECORD_BYTES);
    }

    public byte[] write(FlowReport f) {
        ObjectNode r = json.createObjectNode();
        r.put("vrouter", f.vrouter());
        r.put("sourcevn", f.sourceVn());
        r.put("destvn", f.destVn());
        r.put("sourceip", f.sourceIp());
        r.put("destip", f.destIp());
        r.put("protocol", f.protocol());
        r.put("sport", f.sourcePort());
        r.put("dport", f.destPort());
        r.put("direction_ing", f.directionIngress());
        r.put("action", f.action());
        r.put("setup_time", f.setupTime());
        r.put("teardown_time", f.teardownTime());
        r.put("agg-packets", f.aggPackets());
        r.put("agg-bytes", f.aggBytes());
        r.put("flowuuid", f.flowUuid().toString());
        r.put("vrouter_ip", f.vrouterIp());
        r.put("other_vrouter_ip", f.otherVrouterIp());
        r.put("sg_rule_uuid", f.sgRuleUuid());
        r.put("nw_ace_uuid", f.nwAceUuid());
        r.put("drop_reason", f.dropReason());
        return json.writeValueAsBytes(r);
    }

    /**
     * Reads and checks one flow record.
     *
     * @param recordKey the Kafka key, must equal {@code vrouter}; null skips that check
     * @throws InvalidStatusRecordException naming the first field that breaks a rule
     */
    public FlowReport read(String recordKey, byte[] body) {
        if (body == null) {
            throw new InvalidStatusRecordException("value", "null", "flow records are never tombstones");
        }
        if (body.length > maxRecordBytes) {
            throw new InvalidStatusRecordException("value", body.length + " bytes", "larger than the limit of " + maxRecordBytes);
        }
        JsonNode r = RecordBodies.object(json, body);
        String vrouter = text(r, "vrouter");
        if (recordKey != null && !recordKey.equals(vrouter)) {
            throw new InvalidStatusRecordException("key", recordKey, "Kafka key must be the vrouter name " + vrouter);
        }
        return new FlowReport(vrouter, text(r, "sourcevn"), text(r, "destvn"), text(r, "sourceip"), text(r, "destip"),
                (int) number(r, "protocol", 0, 255, null), (int) number(r, "sport", 0, 65535, null),
                (int) number(r, "dport", 0, 65535, null), (int) number(r, "direction_ing", 0, 1, null),
                optionalText(r, "action"), number(r, "setup_time", 1, Long.MAX_VALUE, null),
                number(r, "teardown_time", 0, Long.MAX_VALUE, 0L),
                number(r, "agg-packets", 0, Long.MAX_VALUE, 0L), number(r, "agg-bytes", 0, Long.MAX_VALUE, 0L),
                uuid(r), optionalText(r, "vrouter_ip"), optionalText(r, "other_vrouter_ip"),
                optionalText(r, "sg_rule_uuid"), optionalText(r, "nw_ace_uuid"), optionalText(r, "drop_reason"));
    }



    private static String optionalText(JsonNode r, String field) {
        JsonNode node = r.get(field);
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isString()) {
            throw new InvalidStatusRecordException(field, node, "must be a string");
        }
        return node.stringValue();
    }

    private static long number(JsonNode r, String field, long min, long max, Long absent) {
        JsonNode node = r.get(field);
        if ((node == null || node.isNull()) && absent != null) {
            return absent;
        }
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()
                || node.longValue() < min || node.longValue() > max) {
            throw new InvalidStatusRecordException(field, node, "must be an integer in [" + min + ", " + max + "]");
        }
        return node.longValue();
    }

    private static UUID uuid(JsonNode r) {
        String text = text(r, "flowuuid");
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidStatusRecordException("flowuuid", text, "not a UUID");
        }
    }
}
