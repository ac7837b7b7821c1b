package io.filament.schema.config;

import io.filament.schema.config.PolicyRule.Address;
import io.filament.schema.config.PolicyRule.NetworkAddress;
import io.filament.schema.config.PolicyRule.PortRange;
import io.filament.schema.config.PolicyRule.SecurityGroupAddress;
import io.filament.schema.config.PolicyRule.SubnetAddress;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads {@code PolicyRuleType}s: protocol names to numbers, ports, addresses, direction and action. */
final class PolicyRuleParser {

    private static final Map<String, String> PROTOCOL_NUMBERS =
            Map.of("any", "any", "tcp", "6", "udp", "17", "icmp", "1", "icmp6", "58");

    private PolicyRuleParser() {
    }

    /** The rules of a network policy: each names its action in {@code action_list}. */
    static List<PolicyRule> parseRules(JsonFields entries, String ownerUuid) {
        return parseRules(entries, ownerUuid, true);
    }

    /**
     * The rules of a security group: as TF's, they usually carry no {@code action_list} and then pass what they
     * match; one that does carry it is read like a policy rule's.
     */
    static List<PolicyRule> parseSecurityGroupRules(JsonFields entries, String ownerUuid) {
        return parseRules(entries, ownerUuid, false);
    }

    private static List<PolicyRule> parseRules(JsonFields entries, String ownerUuid, boolean actionRequired) {
        List<PolicyRule> rules = new ArrayList<>();
        for (JsonFields rule : entries.objects("policy_rule")) {
            PolicyRule parsed = parse(rule, actionRequired);
            if (parsed.ruleUuid().isEmpty()) {
                parsed = parsed.withRuleUuid(UUID.nameUUIDFromBytes(
                        (ownerUuid + "|" + parsed).getBytes(StandardCharsets.UTF_8)).toString());
            }
            rules.add(parsed);
        }
        return rules;
    }

    static PolicyRule parse(JsonFields rule) {
        return parse(rule, true);
    }

    private static PolicyRule parse(JsonFields rule, boolean actionRequired) {
        String direction = rule.requiredString("direction");
        if (!direction.equals(">") && !direction.equals("<>")) {
            throw new ConfigRecordRejected(rule.path("direction"), direction, "expected > or <>");
        }
        return new PolicyRule(
                rule.optionalString("rule_uuid").orElse(""),
                direction,
                protocolNumber(rule.path("protocol"), rule.requiredString("protocol")),
                ethertype(rule),
                addresses(rule, "src_addresses"),
                ports(rule, "src_ports"),
                addresses(rule, "dst_addresses"),
                ports(rule, "dst_ports"),
                actionRequired || rule.optionalObject("action_list").isPresent() ? action(rule)
                        : new PolicyRule.Action("pass", List.of()));
    }

    /** {@code any}, tcp, udp, icmp, icmp6 or a number 0..255, as the number's decimal string (or {@code any}). */
    static String protocolNumber(String field, String protocol) {
        String name = protocol.toLowerCase(Locale.ROOT);
        String number = PROTOCOL_NUMBERS.get(name);
        if (number != null) {
            return number;
        }
        if (name.matches("\\d{1,3}") && Integer.parseInt(name) <= 255) {
            return Integer.toString(Integer.parseInt(name));
        }
        throw new ConfigRecordRejected(field, protocol, "expected any, tcp, udp, icmp, icmp6 or 0..255");
    }

    private static String ethertype(JsonFields rule) {
        String ethertype = rule.optionalString("ethertype").orElse("IPv4");
        if (!ethertype.equals("IPv4") && !ethertype.equals("IPv6")) {
            throw new ConfigRecordRejected(rule.path("ethertype"), ethertype, "expected IPv4 or IPv6");
        }
        return ethertype;
    }

    private static List<PortRange> ports(JsonFields rule, String field) {
        List<PortRange> ranges = new ArrayList<>();
        for (JsonFields port : rule.objects(field)) {
            int start = port.optionalInt("start_port", -1, 65535).orElse(0);
            int end = port.optionalInt("end_port", -1, 65535).orElse(65535);
            boolean any = start == -1 && end == -1;
            if (!any && (start < 0 || end < 0 || start > end)) {
                throw new ConfigRecordRejected(port.path("start_port"), start + ".." + end,
                        "expected start_port <= end_port within 0..65535, or -1..-1");
            }
            ranges.add(new PortRange(start, end));
        }
        return ranges.isEmpty() ? List.of(PortRange.ALL) : ranges;
    }

    private static List<Address> addresses(JsonFields rule, String field) {
        List<Address> result = new ArrayList<>();
        for (JsonFields address : rule.objects(field)) {
            result.addAll(address(address));
        }
        return result;
    }

    private static List<Address> address(JsonFields address) {
        List<Address> found = new ArrayList<>();
        address.optionalString("virtual_network").ifPresent(vn -> found.add(new NetworkAddress(vn)));
        address.optionalString("security_group").ifPresent(sg -> found.add(new SecurityGroupAddress(sg)));
        address.optionalObject("subnet").ifPresent(subnet -> found.add(subnet(subnet)));
        for (JsonFields subnet : address.objects("subnet_list")) {
            found.add(subnet(subnet));
        }
        Optional<String> policy = address.optionalString("network_policy");
        if (policy.isPresent()) {
            throw new ConfigRecordRejected(address.path("network_policy"), policy.get(),
                    "policy-valued addresses are not supported");
        }
        if (found.isEmpty()) {
            throw new ConfigRecordRejected(address.path("virtual_network"), "null",
                    "an address needs virtual_network, security_group, subnet or subnet_list");
        }
        return found;
    }

    private static SubnetAddress subnet(JsonFields subnet) {
        String prefix = subnet.requiredString("ip_prefix");
        if (!prefix.matches("[0-9a-fA-F:.]+")) {
            throw new ConfigRecordRejected(subnet.path("ip_prefix"), prefix, "expected an IP address");
        }
        int maxLength = prefix.contains(":") ? 128 : 32;
        int length = subnet.optionalInt("ip_prefix_len", 0, maxLength)
                .orElseThrow(() -> new ConfigRecordRejected(subnet.path("ip_prefix_len"), "null", "required"));
        return new SubnetAddress(canonicalAddress(subnet.path("ip_prefix"), prefix), length);
    }

    private static String canonicalAddress(String field, String literal) {
        try {
            return InetAddress.ofLiteral(literal).getHostAddress();
        } catch (IllegalArgumentException notAnAddress) {
            throw new ConfigRecordRejected(field, literal, "expected an IP address");
        }
    }

    private static PolicyRule.Action action(JsonFields rule) {
        JsonFields actions = rule.optionalObject("action_list")
                .orElseThrow(() -> new ConfigRecordRejected(rule.path("action_list"), "null", "required"));
        List<String> services = actions.strings("apply_service");
        String simple = actions.optionalString("simple_action").orElse(services.isEmpty() ? null : "pass");
        if (!"pass".equals(simple) && !"deny".equals(simple)) {
            throw new ConfigRecordRejected(actions.path("simple_action"), String.valueOf(simple),
                    "expected pass or deny");
        }
        return new PolicyRule.Action(simple, services);
    }
}
