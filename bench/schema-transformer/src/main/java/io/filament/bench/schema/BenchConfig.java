package io.filament.bench.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A synthetic, deterministic config in the shared snapshot format: networks spread over projects, each attached
 * to two policies that name networks of the same project (so that mutually-allowing pairs connect), and security
 * groups whose rules name each other.
 */
final class BenchConfig {

    static final int PROJECTS = 100;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** One record for the config topic. */
    record Snapshot(String key, byte[] value) {
    }

    private final int networks;
    private final int policies;
    private final int groups;

    BenchConfig(int networks, int policies, int groups) {
        this.networks = networks;
        this.policies = policies;
        this.groups = groups;
    }

    List<Snapshot> all() {
        List<Snapshot> log = new ArrayList<>();
        log.add(snapshot("global-system-config", "gsc", 1, List.of("default-global-system-config"),
                Map.of("autonomous_system", 64512)));
        for (int p = 0; p < policies; p++) {
            log.add(policy(p, 1));
        }
        for (int g = 0; g < groups; g++) {
            log.add(group(g));
        }
        for (int n = 0; n < networks; n++) {
            log.add(network(n, 1, false));
        }
        return log;
    }

    static String project(int index) {
        return "project-" + (index % PROJECTS);
    }

    static String networkUuid(int n) {
        return String.format("00000000-0000-4000-8000-%012d", n);
    }

    /** Network {@code n} at {@code version}; {@code alternate} attaches a different second policy. */
    Snapshot network(int n, long version, boolean alternate) {
        List<Object> refs = new ArrayList<>();
        int first = n % policies;
        int second = (n * 7 + (alternate ? 3 : 0)) % policies;
        for (int p : new int[] {first, second}) {
            refs.add(Map.of("to", List.of("default-domain", project(p), "policy-" + p),
                    "uuid", policyUuid(p), "attr", Map.of("sequence", Map.of("major", refs.size(), "minor", 0))));
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("virtual_network_network_id", n + 1);
        properties.put("virtual_network_properties", Map.of("forwarding_mode", "l2_l3"));
        properties.put("network_policy_refs", refs);
        return snapshot("virtual-network", networkUuid(n), version,
                List.of("default-domain", project(n), "net-" + n), properties);
    }

    private static String policyUuid(int p) {
        return String.format("00000000-0000-4000-9000-%012d", p);
    }

    private Snapshot policy(int p, long version) {
        List<Object> rules = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            int named = (p % PROJECTS) + PROJECTS * ((p / PROJECTS + m) % Math.max(1, networks / PROJECTS));
            rules.add(rule("<>", "any", Map.of("virtual_network", "local"), port(-1, -1),
                    Map.of("virtual_network", "default-domain:" + project(named) + ":net-" + named), port(-1, -1),
                    "pass"));
        }
        rules.add(rule(">", "tcp", Map.of("virtual_network", "local"), port(-1, -1),
                Map.of("virtual_network", "any"), port(8000, 8080), "pass"));
        rules.add(rule(">", "udp", Map.of("subnet", Map.of("ip_prefix", "10.200.0.0", "ip_prefix_len", 16)),
                port(-1, -1), Map.of("virtual_network", "local"), port(53, 53), "deny"));
        return snapshot("network-policy", policyUuid(p), version, List.of("default-domain", project(p), "policy-" + p),
                Map.of("network_policy_entries", Map.of("policy_rule", rules)));
    }

    private Snapshot group(int g) {
        String other = "default-domain:" + project(g + 1) + ":sg-" + ((g + 1) % groups);
        List<Object> rules = List.of(
                rule(">", "tcp", Map.of("security_group", other), port(0, 65535),
                        Map.of("security_group", "local"), port(443, 443), "pass"),
                rule(">", "tcp", Map.of("subnet", Map.of("ip_prefix", "0.0.0.0", "ip_prefix_len", 0)), port(0, 65535),
                        Map.of("security_group", "local"), port(22, 22), "pass"),
                rule(">", "any", Map.of("security_group", "local"), port(0, 65535),
                        Map.of("subnet", Map.of("ip_prefix", "0.0.0.0", "ip_prefix_len", 0)), port(0, 65535), "pass"));
        return snapshot("security-group", String.format("00000000-0000-4000-a000-%012d", g), 1,
                List.of("default-domain", project(g), "sg-" + g),
                Map.of("security_group_id", 8_000_000 + g, "security_group_entries", Map.of("policy_rule", rules)));
    }

    private static Map<String, Object> port(int start, int end) {
        return Map.of("start_port", start, "end_port", end);
    }

    private static Map<String, Object> rule(String direction, String protocol, Map<String, Object> src,
                                            Map<String, Object> srcPort, Map<String, Object> dst,
                                            Map<String, Object> dstPort, String action) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("direction", direction);
        rule.put("protocol", protocol);
        rule.put("src_addresses", List.of(src));
        rule.put("src_ports", List.of(srcPort));
        rule.put("dst_addresses", List.of(dst));
        rule.put("dst_ports", List.of(dstPort));
        rule.put("ethertype", "IPv4");
        rule.put("action_list", Map.of("simple_action", action));
        return rule;
    }

    private static Snapshot snapshot(String type, String uuid, long version, List<String> fqName,
                                     Map<String, Object> properties) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("uuid", uuid);
        object.put("fq_name", fqName);
        object.put("name", fqName.getLast());
        object.putAll(properties);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", type);
        envelope.put("uuid", uuid);
        envelope.put("version", version);
        envelope.put("fq_name", fqName);
        envelope.put("object", object);
        return new Snapshot(type + "/" + uuid, MAPPER.writeValueAsBytes(envelope));
    }
}
