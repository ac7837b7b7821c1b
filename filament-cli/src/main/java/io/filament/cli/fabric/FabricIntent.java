package io.filament.cli.fabric;

import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The objects a demo or a test declares, built on {@link ConfigApi} one TF resource at a time. */
public final class FabricIntent {

    public static final List<String> DEFAULT_IPAM = List.of("default-domain", "default-project", "default-network-ipam");
    private static final String DOMAIN = "default-domain";

    private final ConfigApi api;

    public FabricIntent(ConfigApi api) {
        this.api = api;
    }

    public ConfigApi api() {
        return api;
    }

    public String virtualRouter(String hostname, String fabricAddress) {
        ObjectNode body = ConfigApi.child(List.of("default-global-system-config", hostname), "global-system-config");
        body.put("virtual_router_ip_address", fabricAddress);
        return api.create("virtual-router", body);
    }

    public String project(String name) {
        return api.create("project", ConfigApi.child(List.of(DOMAIN, name), "domain"));
    }

    /** A network with one IPv4 subnet from the default IPAM ({@code cidr} like {@code 10.1.1.0/24}). */
    public String network(String project, String name, String cidr) {
        String[] parts = cidr.split("/");
        ObjectNode subnet = ConfigApi.object();
        subnet.set("subnet", ConfigApi.object().put("ip_prefix", parts[0]).put("ip_prefix_len", Integer.parseInt(parts[1])));
        ObjectNode attr = ConfigApi.object();
        attr.set("ipam_subnets", ConfigApi.json().createArrayNode().add(subnet));
        ObjectNode body = ConfigApi.child(List.of(DOMAIN, project, name), "project");
        body.set("network_ipam_refs", ConfigApi.json().createArrayNode().add(ConfigApi.ref(DEFAULT_IPAM, attr)));
        return api.create("virtual-network", body);
    }

    /** A policy whose rules each pass one protocol (and destination port range) both ways between two networks. */
    public String bidirectionalPolicy(String project, String name, String networkA, String networkB, List<PolicyRule> rules) {
        ArrayNode entries = ConfigApi.json().createArrayNode();
        for (PolicyRule rule : rules) {
            ObjectNode entry = ConfigApi.object()
                    .put("direction", "<>")
                    .put("protocol", rule.protocol());
            entry.set("action_list", ConfigApi.object().put("simple_action", "pass"));
            entry.set("src_addresses", addresses(project, networkA));
            entry.set("dst_addresses", addresses(project, networkB));
            entry.set("src_ports", ports(-1, -1));
            entry.set("dst_ports", ports(rule.fromPort(), rule.toPort()));
            entries.add(entry);
        }
        ObjectNode body = ConfigApi.child(List.of(DOMAIN, project, name), "project");
        body.set("network_policy_entries", ConfigApi.object().set("policy_rule", entries));
        return api.create("network-policy", body);
    }

    public void attachPolicy(String networkUuid, String policyUuid, int sequence) {
        ObjectNode attr = ConfigApi.object();
        attr.set("sequence", ConfigApi.object().put("major", sequence).put("minor", 0));
        api.refUpdate("ADD", "virtual-network", networkUuid, "network-policy", policyUuid, attr);
    }

    public void detachPolicy(String networkUuid, String policyUuid) {
        api.refUpdate("DELETE", "virtual-network", networkUuid, "network-policy", policyUuid, null);
    }

    /**
     * A security group of {@code project} whose rules each allow one protocol and port range, ingress from or
     * egress to an IPv4 prefix; TF's {@code security_group_entries} with the group itself as {@code local}.
     */
    public String securityGroup(String project, String name, List<SecurityGroupRule> rules) {
        ArrayNode entries = ConfigApi.json().createArrayNode();
        for (SecurityGroupRule rule : rules) {
            String[] prefix = rule.remotePrefix().split("/");
            ObjectNode subnet = ConfigApi.object();
            subnet.set("subnet", ConfigApi.object().put("ip_prefix", prefix[0])
                    .put("ip_prefix_len", Integer.parseInt(prefix[1])));
            ObjectNode local = ConfigApi.object().put("security_group", "local");
            ObjectNode entry = ConfigApi.object()
                    .put("rule_uuid", UUID.randomUUID().toString())
                    .put("direction", ">")
                    .put("protocol", rule.protocol())
                    .put("ethertype", "IPv4");
            entry.set("action_list", ConfigApi.object().put("simple_action", "pass"));
            entry.set("src_addresses", ConfigApi.json().createArrayNode().add(rule.ingress() ? subnet : local));
            entry.set("dst_addresses", ConfigApi.json().createArrayNode().add(rule.ingress() ? local : subnet));
            entry.set("src_ports", ports(0, 65535));
            entry.set("dst_ports", ports(rule.fromPort(), rule.toPort()));
            entries.add(entry);
        }
        ObjectNode body = ConfigApi.child(List.of(DOMAIN, project, name), "project");
        body.set("security_group_entries", ConfigApi.object().set("policy_rule", entries));
        return api.create("security-group", body);
    }

    public void attachSecurityGroup(String vmiUuid, String securityGroupUuid) {
        api.refUpdate("ADD", "virtual-machine-interface", vmiUuid, "security-group", securityGroupUuid, null);
    }

    /**
     * A VM with one interface in {@code network}, bound to {@code host}, with an address allocated by IPAM.
     * As Nova and Neutron do, the VM, its interface and its instance-ip are named by fresh uuids and carry the
     * human name as display name, so a name never collides with what an earlier run left behind.
     */
    public Port port(String project, String vmName, String network, String host) {
        String vmUuid = UUID.randomUUID().toString();
        ObjectNode vm = ConfigApi.child(List.of(vmUuid), null).put("uuid", vmUuid).put("display_name", vmName);
        api.create("virtual-machine", vm);
        List<String> vnFqName = List.of(DOMAIN, project, network);
        String vmiUuid = UUID.randomUUID().toString();
        ObjectNode vmi = ConfigApi.child(List.of(DOMAIN, project, vmiUuid), "project")
                .put("uuid", vmiUuid).put("display_name", vmName + "-eth0");
        vmi.set("virtual_machine_refs", ConfigApi.json().createArrayNode().add(ConfigApi.ref(List.of(vmUuid), null)));
        vmi.set("virtual_network_refs", ConfigApi.json().createArrayNode().add(ConfigApi.ref(vnFqName, null)));
        ObjectNode binding = ConfigApi.object().put("key", "host_id").put("value", host);
        vmi.set("virtual_machine_interface_bindings",
                ConfigApi.object().set("key_value_pair", ConfigApi.json().createArrayNode().add(binding)));
        api.create("virtual-machine-interface", vmi);
        String iipUuid = UUID.randomUUID().toString();
        ObjectNode iip = ConfigApi.child(List.of(iipUuid), null).put("uuid", iipUuid)
                .put("display_name", vmName + "-eth0-ip");
        iip.set("virtual_network_refs", ConfigApi.json().createArrayNode().add(ConfigApi.ref(vnFqName, null)));
        iip.set("virtual_machine_interface_refs", ConfigApi.json().createArrayNode()
                .add(ConfigApi.ref(List.of(DOMAIN, project, vmiUuid), null)));
        api.create("instance-ip", iip);
        String address = api.read("instance-ip", iipUuid).path("instance_ip_address").asString();
        JsonNode macs = api.read("virtual-machine-interface", vmiUuid)
                .path("virtual_machine_interface_mac_addresses").path("mac_address");
        String mac = macs.isArray() && !macs.isEmpty() ? macs.get(0).asString() : "";
        return new Port(vmName, vmUuid, vmiUuid, iipUuid, api.uuidOf("virtual-network", vnFqName),
                api.uuidOf("project", List.of(DOMAIN, project)), address, mac, host);
    }

    /**
     * The config half of a port whose interface is already plugged: VMI and instance-ip with the uuid, MAC
     * and address the host was told beforehand (as Nova does when it plugs before the port is bound). Two
     * creates and nothing else: the port-up benchmark times exactly these.
     */
    public void declarePluggedPort(String project, String vmName, String vmUuid, String network, String host,
                                   String vmiUuid, String mac, String address) {
        List<String> vnFqName = List.of(DOMAIN, project, network);
        ObjectNode vmi = ConfigApi.child(List.of(DOMAIN, project, vmiUuid), "project")
                .put("uuid", vmiUuid).put("display_name", vmName + "-eth0");
        vmi.set("virtual_machine_refs", ConfigApi.json().createArrayNode().add(ConfigApi.ref(List.of(vmUuid), null)));
        vmi.set("virtual_network_refs", ConfigApi.json().createArrayNode().add(ConfigApi.ref(vnFqName, null)));
        vmi.set("virtual_machine_interface_mac_addresses",
                ConfigApi.object().set("mac_address", ConfigApi.json().createArrayNode().add(mac)));
        ObjectNode binding = ConfigApi.object().put("key", "host_id").put("value", host);
        vmi.set("virtual_machine_interface_bindings",
                ConfigApi.object().set("key_value_pair", ConfigApi.json().createArrayNode().add(binding)));
        api.create("virtual-machine-interface", vmi);
        String iipUuid = UUID.randomUUID().toString();
        ObjectNode iip = ConfigApi.child(List.of(iipUuid), null).put("uuid", iipUuid)
                .put("display_name", vmName + "-eth0-ip").put("instance_ip_address", address);
        iip.set("virtual_network_refs", ConfigApi.json().createArrayNode().add(ConfigApi.ref(vnFqName, null)));
        iip.set("virtual_machine_interface_refs", ConfigApi.json().createArrayNode()
                .add(ConfigApi.ref(List.of(DOMAIN, project, vmiUuid), null)));
        api.create("instance-ip", iip);
    }

    /** A VM named by a fresh uuid (as Nova names them), with {@code name} as its display name. */
    public String virtualMachine(String name) {
        String uuid = UUID.randomUUID().toString();
        return api.create("virtual-machine", ConfigApi.child(List.of(uuid), null).put("uuid", uuid).put("display_name", name));
    }

    public void deletePort(Port port) {
        api.delete("instance-ip", port.instanceIpUuid());
        api.delete("virtual-machine-interface", port.vmiUuid());
        api.delete("virtual-machine", port.vmUuid());
    }

    private static ArrayNode addresses(String project, String network) {
        return ConfigApi.json().createArrayNode()
                .add(ConfigApi.object().put("virtual_network", String.join(":", DOMAIN, project, network)));
    }

    private static ArrayNode ports(int from, int to) {
        return ConfigApi.json().createArrayNode().add(ConfigApi.object().put("start_port", from).put("end_port", to));
    }

    /** One protocol and destination port range; -1..-1 is any port. */
    public record PolicyRule(String protocol, int fromPort, int toPort) {
        public static PolicyRule any(String protocol) {
            return new PolicyRule(protocol, -1, -1);
        }
    }

    /**
     * One allow rule of a security group: {@code ingress} from or (otherwise) egress to {@code remotePrefix}
     * (e.g. {@code 0.0.0.0/0}), for one protocol and destination port range (0..65535 is every port).
     */
    public record SecurityGroupRule(boolean ingress, String protocol, String remotePrefix, int fromPort, int toPort) {
        public static SecurityGroupRule ingress(String protocol, String remotePrefix, int fromPort, int toPort) {
            return new SecurityGroupRule(true, protocol, remotePrefix, fromPort, toPort);
        }

        public static SecurityGroupRule egressAll(String remotePrefix) {
            return new SecurityGroupRule(false, "any", remotePrefix, 0, 65535);
        }
    }

    /** What the config API allocated for one VM interface. */
    public record Port(String vmName, String vmUuid, String vmiUuid, String instanceIpUuid, String networkUuid,
                       String projectUuid, String ipAddress, String macAddress, String host) {
    }
}
