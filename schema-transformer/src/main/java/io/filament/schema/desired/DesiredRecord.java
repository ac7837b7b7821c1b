package io.filament.schema.desired;

import java.util.Map;
import java.util.Objects;

/**
 * One record of {@code filament.desired.v1}: key {@code <type>/<id>} and a JSON value whose objects are sorted
 * maps, so that its serialisation is canonical. The value names the config versions it was derived from.
 */
public record DesiredRecord(String type, String id, Map<String, Object> value) {

    public static final String ROUTING_INSTANCE = "routing-instance";
    public static final String ROUTE_TARGET = "route-target";
    public static final String CONNECTION = "connection";
    public static final String NETWORK_ACL = "network-acl";
    public static final String SECURITY_GROUP_ACL = "security-group-acl";

    public DesiredRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        value = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(value));
    }

    public String key() {
        return type + "/" + id;
    }
}
