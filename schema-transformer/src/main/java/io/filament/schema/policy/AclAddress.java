package io.filament.schema.policy;

import java.util.Map;
import java.util.TreeMap;

/** An address in an ACL match condition, as TF writes it in {@code AddressType}. */
public sealed interface AclAddress {

    /** The JSON form of this address: one key, so already in canonical order; immutable. */
    Map<String, Object> toJson();

    Map<String, Object> ANY_JSON = Map.of("virtual_network", "any");

    record Network(String virtualNetwork) implements AclAddress {
        @Override
        public Map<String, Object> toJson() {
            return Map.of("virtual_network", virtualNetwork);
        }
    }

    record Any() implements AclAddress {
        @Override
        public Map<String, Object> toJson() {
            return ANY_JSON;
        }
    }

    record Subnet(String ipPrefix, int prefixLength) implements AclAddress {
        @Override
        public Map<String, Object> toJson() {
            TreeMap<String, Object> subnet = new TreeMap<>();
            subnet.put("ip_prefix", ipPrefix);
            subnet.put("ip_prefix_len", prefixLength);
            return Map.of("subnet", java.util.Collections.unmodifiableSortedMap(subnet));
        }
    }

    /** A security group by its numeric id, written as a decimal string like TF does. */
    record SecurityGroup(long id) implements AclAddress {
        @Override
        public Map<String, Object> toJson() {
            return Map.of("security_group", Long.toString(id));
        }
    }
}
