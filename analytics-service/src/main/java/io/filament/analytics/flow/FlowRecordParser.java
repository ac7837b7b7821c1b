package io.filament.analytics.flow;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.filament.contracts.status.FlowFormat;
import io.filament.contracts.status.FlowReport;
import io.filament.contracts.status.InvalidStatusRecordException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and checks one record of {@code filament.flows.v1} in one pass over the JSON tokens, without building a
 * tree. It applies the rules of the format's own reader ({@link FlowFormat#read}, the one agents write for) in the
 * same order, so a bad record is refused with the same field named, and builds the {@link FlowReport} whose
 * constructor checks addresses and times. Pure: no clocks, no I/O; thread-safe.
 */
public final class FlowRecordParser {

    /** Stands for a JSON value of a kind no flow field takes (object, array, boolean, float, huge integer). */
    private record OtherValue(String text) {
    }

    private static final Object NULL = new Object();
    private static final Map<String, FlowField> FIELDS = Arrays.stream(FlowField.values())
            .collect(Collectors.toUnmodifiableMap(FlowField::wireName, f -> f));

    private final JsonMapper json;
    private final int maxBodyBytes;

    public FlowRecordParser(JsonMapper json, int maxBodyBytes) {
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    public FlowRecord parse(String recordKey, byte[] body) {
        try {
            FlowReport f = report(recordKey, body);
            return new FlowRecord(f.vrouter(), f.sourceVn(), f.destVn(), f.sourceIp(), f.destIp(), f.protocol(),
                    f.sourcePort(), f.destPort(), f.directionIngress(), f.action(), f.setupTime(), f.teardownTime(),
                    f.aggPackets(), f.aggBytes(), f.flowUuid(), f.vrouterIp(), f.otherVrouterIp(), f.sgRuleUuid(),
                    f.nwAceUuid(), f.dropReason());
        } catch (InvalidStatusRecordException e) {
            throw new FlowRecordRejected(e.field(), e.value().orElse("missing"), e.reason());
        }
    }

    private FlowReport report(String recordKey, byte[] body) {
        if (body == null) {
            throw new InvalidStatusRecordException("value", "null", "flow records are never tombstones");
        }
        if (body.length > maxBodyBytes) {
            throw new InvalidStatusRecordException("value", body.length + " bytes", "larger than the limit of " + maxBodyBytes);
        }
        Object[] v = tokens(body);
        String vrouter = text(v, FlowField.VROUTER);
        if (recordKey != null && !recordKey.equals(vrouter)) {
            throw new InvalidStatusRecordException("key", recordKey, "Kafka key must be the vrouter name " + vrouter);
        }
        return new FlowReport(vrouter, text(v, FlowField.SOURCE_VN), text(v, FlowField.DEST_VN),
                text(v, FlowField.SOURCE_IP), text(v, FlowField.DEST_IP),
                (int) number(v, FlowField.PROTOCOL, 255, null), (int) number(v, FlowField.SOURCE_PORT, 65535, null),
                (int) number(v, FlowField.DEST_PORT, 65535, null), (int) number(v, FlowField.DIRECTION_ING, 1, null),
                optionalText(v, FlowField.ACTION), positive(v, FlowField.SETUP_TIME),
                number(v, FlowField.TEARDOWN_TIME, Long.MAX_VALUE, 0L),
                number(v, FlowField.AGG_PACKETS, Long.MAX_VALUE, 0L), number(v, FlowField.AGG_BYTES, Long.MAX_VALUE, 0L),
                uuid(v), optionalText(v, FlowField.VROUTER_IP), optionalText(v, FlowField.OTHER_VROUTER_IP),
                optionalText(v, FlowField.SG_RULE_UUID), optionalText(v, FlowField.NW_ACE_UUID),
                optionalText(v, FlowField.DROP_REASON));
    }

    /** The value of each known field by {@link FlowField#ordinal()}: String, Long, {@link #NULL} or {@link OtherValue}. */
    private Object[] tokens(byte[] body) {
        Object[] values = new Object[FlowField.values().length];
        try (JsonParser p = json.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidStatusRecordException("value", "not an object", "the body must be a JSON object");
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                FlowField field = FIELDS.get(p.currentName());
                JsonToken token = p.nextToken();
                if (field == null) {
                    p.skipChildren();
                } else {
                    values[field.ordinal()] = value(p, token);
                }
            }
            if (p.nextToken() != null) {
                throw new InvalidStatusRecordException("value", "unparseable", "not JSON: content after the object");
            }
        } catch (JacksonException e) {
            throw new InvalidStatusRecordException("value", "unparseable", "not JSON: " + e.getOriginalMessage());
        }
        return values;
    }

    private static Object value(JsonParser p, JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> p.getString();
            case VALUE_NULL -> NULL;
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? new OtherValue(p.getText()) : (Object) p.getLongValue();
            case START_OBJECT, START_ARRAY -> {
                p.skipChildren();
                yield new OtherValue(token == JsonToken.START_OBJECT ? "{…}" : "[…]");
            }
            default -> new OtherValue(p.getText());
        };
    }

    private static String text(Object[] v, FlowField field) {
        Object value = v[field.ordinal()];
        if (!(value instanceof String s) || s.isBlank()) {
            throw new InvalidStatusRecordException(field.wireName(), shown(value), "must be a non-empty string");
        }
        return s;
    }

    private static String optionalText(Object[] v, FlowField field) {
        Object value = v[field.ordinal()];
        if (value == null || value == NULL) {
            return "";
        }
        if (!(value instanceof String s)) {
            throw new InvalidStatusRecordException(field.wireName(), shown(value), "must be a string");
        }
        return s;
    }

    private static long positive(Object[] v, FlowField field) {
        return range(v, field, 1, Long.MAX_VALUE, null);
    }

    private static long number(Object[] v, FlowField field, long max, Long absent) {
        return range(v, field, 0, max, absent);
    }

    private static long range(Object[] v, FlowField field, long min, long max, Long absent) {
        Object value = v[field.ordinal()];
        if ((value == null || value == NULL) && absent != null) {
            return absent;
        }
        if (!(value instanceof Long n) || n < min || n > max) {
            throw new InvalidStatusRecordException(field.wireName(), shown(value),
                    "must be an integer in [" + min + ", " + max + "]");
        }
        return n;
    }

    private static UUID uuid(Object[] v) {
        String text = text(v, FlowField.FLOW_UUID);
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidStatusRecordException("flowuuid", text, "not a UUID");
        }
    }

    private static Object shown(Object value) {
        if (value == null) {
            return null;
        }
        if (value == NULL) {
            return "null";
        }
        return value instanceof OtherValue o ? o.text() : value instanceof String s ? "\"" + s + "\"" : value;
    }
}
