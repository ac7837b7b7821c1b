package io.filament.schema.policy;

import io.filament.schema.config.PolicyRule.PortRange;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@code AclRuleType} entry: a match condition and an action, with the id of the rule it was expanded from.
 */
public record AclRule(String ruleUuid, Match match, String simpleAction, List<String> applyService) {

    /** Implicit "my network to my network" pass, appended after the policy rules. */
    public static final String IMPLICIT_PASS_UUID = "00000000-0000-0000-0000-100000000001";
    /** Implicit deny-all, the last rule of every network ACL. */
    public static final String IMPLICIT_DENY_UUID = "00000000-0000-0000-0000-100000000002";

    public AclRule {
        applyService = List.copyOf(applyService);
    }

    public record Match(String protocol, String ethertype, AclAddress source, PortRange sourcePort,
                        AclAddress destination, PortRange destinationPort) {

        Match reversed() {
            return new Match(protocol, ethertype, destination, destinationPort, source, sourcePort);
        }

        Map<String, Object> toJson() {
            TreeMap<String, Object> json = new TreeMap<>();
            json.put("protocol", protocol);
            json.put("ethertype", ethertype);
            json.put("src_address", source.toJson());
            json.put("src_port", port(sourcePort));
            json.put("dst_address", destination.toJson());
            json.put("dst_port", port(destinationPort));
            return java.util.Collections.unmodifiableSortedMap(json);
        }

        private static Map<String, Object> port(PortRange range) {
            TreeMap<String, Object> port = new TreeMap<>();
            port.put("end_port", range.end());
            port.put("start_port", range.start());
            return java.util.Collections.unmodifiableSortedMap(port);
        }
    }

    /** Everything but the rule id: two rules with the same key are duplicates. */
    public record Key(Match match, String simpleAction, List<String> applyService) {
    }

    public Key key() {
        return new Key(match, simpleAction, applyService);
    }

    public boolean passes() {
        return !"deny".equals(simpleAction);
    }

    public Map<String, Object> toJson() {
        TreeMap<String, Object> action = new TreeMap<>();
        action.put("simple_action", simpleAction);
        if (!applyService.isEmpty()) {
            action.put("apply_service", applyService);
        }
        TreeMap<String, Object> json = new TreeMap<>();
        json.put("rule_uuid", ruleUuid);
        json.put("direction", ">");
        json.put("match_condition", match.toJson());
        json.put("action_list", java.util.Collections.unmodifiableSortedMap(action));
        return java.util.Collections.unmodifiableSortedMap(json);
    }
}
