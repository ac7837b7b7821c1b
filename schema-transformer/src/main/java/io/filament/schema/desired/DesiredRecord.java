package io.filament.schema.desired;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One record of {@code filament.desired.v1}: key {@code <type>/<id>} and a JSON value that names the config
 * versions it was derived from.
 *
 * <p>The value is serialised to its canonical JSON when the record is made and only those bytes are kept. The
 * translator holds every record it has derived (tens of thousands, each a tree of small maps when built), and as
 * trees they were most of the transformer's live heap: every young collection had to scan them and every mixed
 * collection copy them. As one byte array each they cost a fifth of the memory and nothing to trace; two records
 * are equal when their bytes are, and publishing sends the bytes as they are.
 */
public final class DesiredRecord {

    public static final String ROUTING_INSTANCE = "routing-instance";
    public static final String ROUTE_TARGET = "route-target";
    public static final String CONNECTION = "connection";
    public static final String NETWORK_ACL = "network-acl";
    public static final String SECURITY_GROUP_ACL = "security-group-acl";

    private final String type;
    private final String id;
    private final byte[] json;
    private final int hash;

    /**
     * @param value maps with string keys, lists, strings, integral numbers and booleans; anything else is rejected
     *              with an {@link IllegalArgumentException} naming it
     */
    public DesiredRecord(String type, String id, Map<String, Object> value) {
        this.type = Objects.requireNonNull(type, "type");
        this.id = Objects.requireNonNull(id, "id");
        this.json = CanonicalJson.write(Objects.requireNonNull(value, "value"));
        this.hash = 31 * (31 * type.hashCode() + id.hashCode()) + Arrays.hashCode(json);
    }

    public String type() {
        return type;
    }

    public String id() {
        return id;
    }

    public String key() {
        return type + "/" + id;
    }

    /**
     * The value, parsed again from the canonical bytes: objects as sorted maps, integral numbers as {@code Integer}
     * where they fit and {@code Long} otherwise (JSON does not tell them apart). For reading, not for the hot path.
     */
    public Map<String, Object> value() {
        return CanonicalJson.parse(json);
    }

    /** The canonical JSON of the value; the array is shared, do not modify it. */
    byte[] json() {
        return json;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DesiredRecord record && hash == record.hash && type.equals(record.type)
                && id.equals(record.id) && Arrays.equals(json, record.json);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return key() + "=" + new String(json, StandardCharsets.UTF_8);
    }
}
