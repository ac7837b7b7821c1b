package io.filament.analytics.flow;

import java.util.UUID;

import io.filament.contracts.InvalidValueException;
import io.filament.contracts.net.IpAddress;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads and checks one record of {@code filament.flows.v1}. Pure: no clocks, no I/O. */
public final class FlowRecordParser {

    private final JsonMapper json;
    private final int maxBodyBytes;

    public FlowRecordParser(JsonMapper json, int maxBodyBytes) {
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    public FlowRecord parse(String recordKey, byte[] body) {
        if (body == null) {
            throw new FlowRecordRejected("value", "null", "flow records are never tombstones");
        }
        if (body.length > maxBodyBytes) {
            throw new FlowRecordRejected("value", body.length + " bytes", "larger than the limit of " + maxBodyBytes);
        }
        JsonNode r = readTree(body);
        String vrouter = text(r, FlowField.VROUTER);
        if (recordKey != null && !recordKey.equals(vrouter)) {
            throw new FlowRecordRejected("key", recordKey, "Kafka key must be the vrouter name " + vrouter);
        }
        long setup = number(r, FlowField.SETUP_TIME, 1, Long.MAX_VALUE, null);
        long teardown = number(r, FlowField.TEARDOWN_TIME, 0, Long.MAX_VALUE, 0L);
        if (teardown != 0 && teardown < setup) {
            throw new FlowRecordRejected("teardown_time", teardown, "earlier than setup_time " + setup);
        }
        return new FlowRecord(vrouter, text(r, FlowField.SOURCE_VN), text(r, FlowField.DEST_VN),
                ip(r, FlowField.SOURCE_IP), ip(r, FlowField.DEST_IP),
                (int) number(r, FlowField.PROTOCOL, 0, 255, null),
                (int) number(r, FlowField.SOURCE_PORT, 0, 65535, null),
                (int) number(r, FlowField.DEST_PORT, 0, 65535, null),
                (int) number(r, FlowField.DIRECTION_ING, 0, 1, null),
                optionalText(r, FlowField.ACTION), setup, teardown,
                number(r, FlowField.AGG_PACKETS, 0, Long.MAX_VALUE, 0L),
                number(r, FlowField.AGG_BYTES, 0, Long.MAX_VALUE, 0L),
                uuid(r), optionalText(r, FlowField.VROUTER_IP), optionalText(r, FlowField.OTHER_VROUTER_IP),
                optionalText(r, FlowField.SG_RULE_UUID), optionalText(r, FlowField.NW_ACE_UUID),
                optionalText(r, FlowField.DROP_REASON));
    }

    private JsonNode readTree(byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            if (root == null || !root.isObject()) {
                throw new FlowRecordRejected("value", "not an object", "the body must be a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            throw new FlowRecordRejected("value", "unparseable", "not JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode r, FlowField field) {
        JsonNode node = r.get(field.wireName());
        if (node == null || !node.isString() || node.stringValue().isBlank()) {
            throw new FlowRecordRejected(field.wireName(), node, "must be a non-empty string");
        }
        return node.stringValue();
    }

    private static String optionalText(JsonNode r, FlowField field) {
        JsonNode node = r.get(field.wireName());
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isString()) {
            throw new FlowRecordRejected(field.wireName(), node, "must be a string");
        }
        return node.stringValue();
    }

    private static String ip(JsonNode r, FlowField field) {
        String text = text(r, field);
        try {
            IpAddress.parse(text);
            return text;
        } catch (InvalidValueException e) {
            throw new FlowRecordRejected(field.wireName(), text, "not an IPv4 or IPv6 address");
        }
    }

    private static long number(JsonNode r, FlowField field, long min, long max, Long absent) {
        JsonNode node = r.get(field.wireName());
        if ((node == null || node.isNull()) && absent != null) {
            return absent;
        }
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()
                || node.longValue() < min || node.longValue() > max) {
            throw new FlowRecordRejected(field.wireName(), node, "must be an integer in [" + min + ", " + max + "]");
        }
        return node.longValue();
    }

    private static UUID uuid(JsonNode r) {
        String text = text(r, FlowField.FLOW_UUID);
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new FlowRecordRejected("flowuuid", text, "not a UUID");
        }
    }
}
