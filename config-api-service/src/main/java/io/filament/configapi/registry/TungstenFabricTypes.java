package io.filament.configapi.registry;

import static io.filament.configapi.registry.Shapes.anyObject;
import static io.filament.configapi.registry.Shapes.anyValue;
import static io.filament.configapi.registry.Shapes.bool;
import static io.filament.configapi.registry.Shapes.integer;
import static io.filament.configapi.registry.Shapes.ipAddress;
import static io.filament.configapi.registry.Shapes.listOf;
import static io.filament.configapi.registry.Shapes.macAddress;
import static io.filament.configapi.registry.Shapes.oneOf;
import static io.filament.configapi.registry.Shapes.openStruct;
import static io.filament.configapi.registry.Shapes.routeTarget;
import static io.filament.configapi.registry.Shapes.string;
import static io.filament.configapi.registry.Shapes.struct;
import static io.filament.contracts.config.ConfigType.CONFIG_ROOT;
import static io.filament.contracts.config.ConfigType.DOMAIN;
import static io.filament.contracts.config.ConfigType.FLOATING_IP;
import static io.filament.contracts.config.ConfigType.FLOATING_IP_POOL;
import static io.filament.contracts.config.ConfigType.GLOBAL_SYSTEM_CONFIG;
import static io.filament.contracts.config.ConfigType.GLOBAL_VROUTER_CONFIG;
import static io.filament.contracts.config.ConfigType.INSTANCE_IP;
import static io.filament.contracts.config.ConfigType.NETWORK_IPAM;
import static io.filament.contracts.config.ConfigType.NETWORK_POLICY;
import static io.filament.contracts.config.ConfigType.PROJECT;
import static io.filament.contracts.config.ConfigType.ROUTING_INSTANCE;
import static io.filament.contracts.config.ConfigType.SECURITY_GROUP;
import static io.filament.contracts.config.ConfigType.VIRTUAL_MACHINE;
import static io.filament.contracts.config.ConfigType.VIRTUAL_MACHINE_INTERFACE;
import static io.filament.contracts.config.ConfigType.VIRTUAL_NETWORK;
import static io.filament.contracts.config.ConfigType.VIRTUAL_ROUTER;

import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The resource descriptions, transcribed from TF's {@code vnc_cfg.xsd} (tf-internals.md §1.2). */
final class TungstenFabricTypes {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TungstenFabricTypes() {
    }

    static PropertyValidator subnetType() {
        return struct().field("ip_prefix", ipAddress()).field("ip_prefix_len", integer(0, 128));
    }

    static PropertyValidator ipamSubnetType() {
        return struct()
                .field("subnet", subnetType())
                .field("default_gateway", ipAddress())
                .field("dns_server_address", ipAddress())
                .field("subnet_uuid", string())
                .field("enable_dhcp", bool())
                .field("dns_nameservers", listOf(ipAddress()))
                .field("allocation_pools", listOf(struct().field("start", ipAddress()).field("end", ipAddress())
                        .field("vrouter_specific_pool", bool())))
                .field("addr_from_start", bool())
                .field("dhcp_option_list", anyObject())
                .field("host_routes", anyObject())
                .field("subnet_name", string())
                .field("alloc_unit", integer(1, 1L << 16))
                .field("created", string())
                .field("last_modified", string())
                .field("subscriber_tag", string())
                .field("subnetpool", string());
    }

    static PropertyValidator vnSubnetsType() {
        return struct().field("ipam_subnets", listOf(ipamSubnetType())).field("host_routes", anyObject());
    }

    static PropertyValidator portType() {
        return struct().field("start_port", integer(-1, 65535)).field("end_port", integer(-1, 65535));
    }

    static PropertyValidator addressType() {
        return struct()
                .field("virtual_network", string())
                .field("security_group", string())
                .field("network_policy", string())
                .field("subnet", subnetType())
                .field("subnet_list", listOf(subnetType()));
    }

    static PropertyValidator protocol() {
        return (path, value) -> {
            if (value.isNull()) {
                return;
            }
            String text = value.isString() ? value.asString() : "";
            boolean named = List.of("any", "tcp", "udp", "icmp", "icmp6").contains(text);
            boolean numbered = text.matches("\\d{1,3}") && Integer.parseInt(text) <= 255;
            if (!named && !numbered) {
                throw Shapes.invalid(path, value, "any, tcp, udp, icmp, icmp6 or a protocol number 0..255");
            }
        };
    }

    static PropertyValidator policyRuleType() {
        return openStruct()
                .field("rule_uuid", string())
                .field("direction", oneOf(">", "<>"))
                .field("protocol", protocol())
                .fields(List.of("src_addresses", "dst_addresses"), listOf(addressType()))
                .fields(List.of("src_ports", "dst_ports"), listOf(portType()))
                .field("ethertype", oneOf("IPv4", "IPv6"))
                .field("action_list", openStruct().field("simple_action", oneOf("pass", "deny"))
                        .field("apply_service", listOf(string())).field("log", bool()).field("alert", bool()));
    }

    static PropertyValidator policyEntries() {
        return struct().field("policy_rule", listOf(policyRuleType()));
    }

    static ArrayNode strings(String... values) {
        ArrayNode array = JSON.arrayNode();
        for (String v : values) {
            array.add(v);
        }
        return array;
    }

    static List<TypeDescriptor> all() {
        return List.of(
                TypeDescriptor.of(DOMAIN, CONFIG_ROOT)
                        .property("domain_limits", anyObject()),
                TypeDescriptor.of(PROJECT, DOMAIN)
                        .property("quota", anyObject())
                        .property("vxlan_routing", bool())
                        .property("enable_security_policy_draft", bool())
                        .ref(FLOATING_IP_POOL)
                        .allocates(Allocation.DEFAULT_SECURITY_GROUP),
                TypeDescriptor.of(GLOBAL_SYSTEM_CONFIG, CONFIG_ROOT)
                        .property("autonomous_system", integer(1, 4294967295L), JSON.numberNode(64512))
                        .property("enable_4byte_as", bool())
                        .property("ibgp_auto_mesh", bool(), JSON.booleanNode(true))
                        .property("bgp_always_compare_med", bool())
                        .property("rd_cluster_seed", integer(0, 65535))
                        .property("graceful_restart_parameters", anyObject())
                        .property("fast_convergence_parameters", anyObject())
                        .property("ip_fabric_subnets", openStruct().field("subnet", listOf(subnetType())))
                        .property("config_version", string())
                        .property("mac_limit_control", anyObject())
                        .property("mac_move_control", anyObject())
                        .property("mac_aging_time", integer(0, 86400)),
                TypeDescriptor.of(GLOBAL_VROUTER_CONFIG, GLOBAL_SYSTEM_CONFIG)
                        .property("encapsulation_priorities",
                                struct().field("encapsulation", listOf(oneOf("MPLSoGRE", "MPLSoUDP", "VXLAN"))),
                                JSON.objectNode().set("encapsulation", strings("MPLSoUDP", "MPLSoGRE", "VXLAN")))
                        .property("vxlan_network_identifier_mode", oneOf("configured", "automatic"),
                                JSON.stringNode("automatic"))
                        .property("linklocal_services", anyObject())
                        .property("flow_export_rate", integer(0, Integer.MAX_VALUE))
                        .property("flow_aging_timeout_list", anyObject())
                        .property("forwarding_mode", oneOf("l2_l3", "l2", "l3"))
                        .property("ecmp_hashing_include_fields", anyObject()),
                TypeDescriptor.of(VIRTUAL_ROUTER, GLOBAL_SYSTEM_CONFIG)
                        .property("virtual_router_ip_address", ipAddress())
                        .property("virtual_router_type", oneOf("embedded", "tor-agent", "tor-service-node"))
                        .property("virtual_router_dpdk_enabled", bool())
                        .ref(VIRTUAL_MACHINE)
                        .ref(NETWORK_IPAM, anyObject()),
                TypeDescriptor.of(NETWORK_IPAM, PROJECT)
                        .property("network_ipam_mgmt", anyObject())
                        .property("ipam_subnets", anyObject())
                        .property("ipam_subnet_method", oneOf("user-defined-subnet", "flat-subnet",
                                "auto-subnet"), JSON.stringNode("user-defined-subnet")),
                TypeDescriptor.of(VIRTUAL_NETWORK, PROJECT)
                        .property("virtual_network_properties", openStruct()
                                .field("network_id", integer(0, 1 << 24))
                                .field("vxlan_network_identifier", integer(1, 16777215))
                                .field("forwarding_mode", oneOf("l2_l3", "l2", "l3"))
                                .field("allow_transit", bool())
                                .field("rpf", oneOf("enable", "disable"))
                                .field("mtu", integer(0, 9216))
                                .field("max_flows", integer(0, Integer.MAX_VALUE)))
                        .property("virtual_network_network_id", integer(1, 1 << 24))
                        .property("route_target_list", struct().field("route_target", listOf(routeTarget())))
                        .property("import_route_target_list", struct().field("route_target", listOf(routeTarget())))
                        .property("export_route_target_list", struct().field("route_target", listOf(routeTarget())))
                        .property("router_external", bool())
                        .property("is_shared", bool())
                        .property("flood_unknown_unicast", bool())
                        .property("mac_learning_enabled", bool())
                        .property("port_security_enabled", bool(), JSON.booleanNode(true))
                        .property("fabric_snat", bool())
                        .property("multi_policy_service_chains_enabled", bool())
                        .property("address_allocation_mode", oneOf("user-defined-subnet-preferred",
                                "user-defined-subnet-only", "flat-subnet-preferred", "flat-subnet-only"))
                        .property("virtual_network_category", string())
                        .ref(NETWORK_IPAM, vnSubnetsType())
                        .ref(NETWORK_POLICY, struct()
                                .field("sequence", struct().field("major", integer(-1, Integer.MAX_VALUE))
                                        .field("minor", integer(-1, Integer.MAX_VALUE)))
                                .field("timer", anyObject()))
                        .allocates(Allocation.NETWORK_ID, Allocation.IPAM_SUBNETS,
                                Allocation.DEFAULT_ROUTING_INSTANCE),
                TypeDescriptor.of(VIRTUAL_MACHINE, CONFIG_ROOT)
                        .property("server_type", oneOf("virtual-server", "baremetal-server", "container")),
                TypeDescriptor.of(VIRTUAL_MACHINE_INTERFACE, PROJECT, VIRTUAL_MACHINE)
                        .property("virtual_machine_interface_mac_addresses",
                                struct().field("mac_address", listOf(macAddress())))
                        .property("virtual_machine_interface_bindings",
                                struct().field("key_value_pair", listOf(struct().field("key", string())
                                        .field("value", string()))))
                        .property("virtual_machine_interface_properties", openStruct()
                                .field("service_interface_type", string())
                                .field("local_preference", integer(0, Integer.MAX_VALUE))
                                .field("sub_interface_vlan_tag", integer(0, 4094))
                                .field("max_flows", integer(0, Integer.MAX_VALUE)))
                        .property("virtual_machine_interface_allowed_address_pairs", anyObject())
                        .property("virtual_machine_interface_dhcp_option_list", anyObject())
                        .property("virtual_machine_interface_host_routes", anyObject())
                        .property("virtual_machine_interface_fat_flow_protocols", anyObject())
                        .property("virtual_machine_interface_device_owner", string())
                        .property("virtual_machine_interface_disable_policy", bool())
                        .property("port_security_enabled", bool(), JSON.booleanNode(true))
                        .property("vrf_assign_table", anyObject())
                        .requiredRef(VIRTUAL_NETWORK, null)
                        .ref(VIRTUAL_MACHINE)
                        .ref(SECURITY_GROUP)
                        .ref(VIRTUAL_MACHINE_INTERFACE)
                        .ref(ROUTING_INSTANCE, openStruct()
                                .field("direction", oneOf("ingress", "egress", "both"))
                                .field("vlan_tag", integer(0, 4094))
                                .fields(List.of("src_mac", "dst_mac"), string())
                                .field("mpls_label", integer(0, 1048575))
                                .field("service_chain_address", ipAddress())
                                .field("ipv6_service_chain_address", ipAddress())
                                .field("protocol", string()))
                        .allocates(Allocation.INTERFACE_DEFAULTS, Allocation.VROUTER_BINDING),
                TypeDescriptor.of(INSTANCE_IP, CONFIG_ROOT)
                        .property("instance_ip_address", ipAddress())
                        .property("instance_ip_family", oneOf("v4", "v6"))
                        .property("instance_ip_mode", oneOf("active-active", "active-standby"),
                                JSON.stringNode("active-active"))
                        .property("subnet_uuid", string())
                        .property("instance_ip_secondary", bool())
                        .property("service_instance_ip", bool())
                        .property("service_health_check_ip", bool())
                        .property("instance_ip_local_ip", bool())
                        .requiredRef(VIRTUAL_NETWORK, null)
                        .ref(VIRTUAL_MACHINE_INTERFACE)
                        .ref(NETWORK_IPAM)
                        .ref(VIRTUAL_ROUTER)
                        .allocates(Allocation.INSTANCE_IP_ADDRESS),
                TypeDescriptor.of(NETWORK_POLICY, PROJECT)
                        .property("network_policy_entries", policyEntries()),
                TypeDescriptor.of(SECURITY_GROUP, PROJECT)
                        .property("security_group_entries", policyEntries())
                        .property("security_group_id", integer(1, 4294967295L))
                        .property("configured_security_group_id", integer(0, 7999999))
                        .allocates(Allocation.SECURITY_GROUP_ID),
                TypeDescriptor.of(FLOATING_IP_POOL, VIRTUAL_NETWORK)
                        .property("floating_ip_pool_subnets", anyObject()),
                TypeDescriptor.of(FLOATING_IP, FLOATING_IP_POOL)
                        .property("floating_ip_address", ipAddress())
                        .property("floating_ip_is_virtual_ip", bool())
                        .property("floating_ip_fixed_ip_address", ipAddress())
                        .property("floating_ip_address_family", oneOf("v4", "v6"))
                        .property("floating_ip_port_mappings_enable", bool())
                        .property("floating_ip_port_mappings", anyObject())
                        .property("floating_ip_traffic_direction", oneOf("ingress", "egress", "both"),
                                JSON.stringNode("both"))
                        .requiredRef(PROJECT, null)
                        .ref(VIRTUAL_MACHINE_INTERFACE)
                        .allocates(Allocation.FLOATING_IP_ADDRESS),
                TypeDescriptor.of(ROUTING_INSTANCE, VIRTUAL_NETWORK)
                        .property("routing_instance_is_default", bool(), JSON.booleanNode(false))
                        .property("service_chain_information", anyObject())
                        .property("ipv6_service_chain_information", anyObject())
                        .property("evpn_service_chain_information", anyObject())
                        .property("static_route_entries", anyObject())
                        .property("routing_instance_has_pnf", bool())
                        .property("routing_instance_fabric_snat", bool())
                        .property("default_ce_protocol", anyValue())
                        .ref(ROUTING_INSTANCE, struct().field("destination_instance", string())));
    }
}
