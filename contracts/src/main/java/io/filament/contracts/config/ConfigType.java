package io.filament.contracts.config;

import java.util.Arrays;
import java.util.Optional;

/** Config object types, named as in Tungsten Fabric's schema (dash form in URLs and envelopes). */
public enum ConfigType {
    CONFIG_ROOT("config-root"),
    DOMAIN("domain"),
    PROJECT("project"),
    GLOBAL_SYSTEM_CONFIG("global-system-config"),
    GLOBAL_VROUTER_CONFIG("global-vrouter-config"),
    VIRTUAL_ROUTER("virtual-router"),
    NETWORK_IPAM("network-ipam"),
    VIRTUAL_NETWORK("virtual-network"),
    VIRTUAL_MACHINE("virtual-machine"),
    VIRTUAL_MACHINE_INTERFACE("virtual-machine-interface"),
    INSTANCE_IP("instance-ip"),
    NETWORK_POLICY("network-policy"),
    SECURITY_GROUP("security-group"),
    FLOATING_IP_POOL("floating-ip-pool"),
    FLOATING_IP("floating-ip"),
    ROUTING_INSTANCE("routing-instance");

    private final String dashed;

    ConfigType(String dashed) {
        this.dashed = dashed;
    }

    /** The type name as in URLs, {@code ce_type} and envelopes: {@code virtual-network}. */
    public String dashed() {
        return dashed;
    }

    /** The type name as in JSON field names: {@code virtual_network} (used in {@code <type>_refs}). */
    public String underscored() {
        return dashed.replace('-', '_');
    }

    /** The REST collection name, TF's naive plural: {@code virtual-networks}, {@code network-policys}. */
    public String collection() {
        return dashed + "s";
    }

    public static Optional<ConfigType> fromDashed(String name) {
        return Arrays.stream(values()).filter(t -> t.dashed.equals(name)).findFirst();
    }

    public static Optional<ConfigType> fromCollection(String name) {
        return Arrays.stream(values()).filter(t -> t.collection().equals(name)).findFirst();
    }

    public static Optional<ConfigType> fromUnderscored(String name) {
        return Arrays.stream(values()).filter(t -> t.underscored().equals(name)).findFirst();
    }
}
