package io.filament.configapi.command;

import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code default} security group TF gives every new project: all egress (IPv4 and IPv6), and ingress only
 * from members of the same group.
 */
final class DefaultSecurityGroup {

    static final String NAME = "default";

    private DefaultSecurityGroup() {
    }

    static ObjectNode of(List<String> projectFqName, Supplier<String> uuids) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode group = json.objectNode();
        ArrayNode fq = group.putArray("fq_name");
        projectFqName.forEach(fq::add);
        fq.add(NAME);
        group.put("parent_type", "project");
        String self = String.join(":", projectFqName) + ":" + NAME;
        ArrayNode rules = group.putObject("security_group_entries").putArray("policy_rule");
        for (String[] family : List.of(new String[] {"IPv4", "0.0.0.0"}, new String[] {"IPv6", "::"})) {
            rules.add(rule(uuids.get(), family[0], address(json).put("security_group", "local"),
                    address(json).set("subnet", json.objectNode().put("ip_prefix", family[1]).put("ip_prefix_len", 0))));
            rules.add(rule(uuids.get(), family[0], address(json).put("security_group", self),
                    address(json).put("security_group", "local")));
        }
        return group;
    }

    private static ObjectNode address(JsonNodeFactory json) {
        return json.objectNode();
    }

    private static ObjectNode rule(String uuid, String ethertype, ObjectNode src, ObjectNode dst) {
        ObjectNode rule = JsonNodeFactory.instance.objectNode();
        rule.put("rule_uuid", uuid);
        rule.put("direction", ">");
        rule.put("protocol", "any");
        rule.putArray("src_addresses").add(src);
        rule.putArray("dst_addresses").add(dst);
        rule.putArray("src_ports").addObject().put("start_port", 0).put("end_port", 65535);
        rule.putArray("dst_ports").addObject().put("start_port", 0).put("end_port", 65535);
        rule.put("ethertype", ethertype);
        return rule;
    }
}
