package io.filament.schema.policy;

import java.util.Map;
import java.util.TreeMap;

/** An address in an ACL match condition, as TF writes it in {@code AddressType}. */
public sealed interface AclAddress {

    /** The JSON form of this address. */
    Map<String, Object> toJson();

    record Network(String virtualNetwork) implements AclAddress {
        @Override
        public Map<String, Object> toJson() {
            return new TreeMap<>(Map.of("virtual_network", virtualNetwork));
        }
    }

    record Any() implements AclAddress {
        @Override
        public Map<String, Object> toJson() {
            return new TreeMap<>(Map.of("virtual_network", "any"));
        }
    }

    record Subnet(String ipPrefix, int prefixLength) implements AclAddress {
        @Override
        public Map<String, Object> toJson() {
            return new TreeMap<>(Map.of("subnet", new TreeMap<>(Map.of("ip_prefix", ipPrefix,
                    "ip_prefix_len", prefixLength))));
        }
    }

    /** A security group by its numeric id, written as a decimal string like TF does. */
    record SecurityGroup(long id) implements AclAddress {
        @Override
        public Map<String, Object> toJson() {
            return new TreeMap<>(Map.of("security_group", Long.toString(id)));
        }
    }
}
