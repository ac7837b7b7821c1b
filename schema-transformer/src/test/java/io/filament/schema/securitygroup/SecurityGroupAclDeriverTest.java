package io.filament.schema.securitygroup;

import static io.filament.schema.fixtures.ConfigSnapshots.port;
import static io.filament.schema.fixtures.ConfigSnapshots.rule;
import static io.filament.schema.fixtures.ConfigSnapshots.securityGroup;
import static io.filament.schema.fixtures.ConfigSnapshots.sg;
import static io.filament.schema.fixtures.ConfigSnapshots.subnet;
import static io.filament.schema.fixtures.ConfigSnapshots.withUuid;
import static org.assertj.core.api.Assertions.assertThat;

import io.filament.schema.config.ConfigImage;
import io.filament.schema.config.ConfigKey;
import io.filament.schema.desired.CanonicalJson;
import io.filament.schema.desired.DesiredRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityGroupAclDeriverTest {

    private final ConfigImage image = new ConfigImage();

    private List<DesiredRecord> derive(String uuid) {
        return SecurityGroupAclDeriver.derive(image.get(ConfigKey.of("security-group", uuid)).orElseThrow(), image);
    }

    @Test
    void splitsRulesIntoIngressAndEgressWithNumericGroupIds() {
        image.apply(securityGroup("sg-db", 1, "demo", "db", 8_000_002, List.of()).change());
        image.apply(securityGroup("sg-web", 4, "demo", "web", 8_000_001, List.of(
                withUuid(rule(">", "tcp", List.of(subnet("0.0.0.0", 0)), List.of(port(0, 65535)),
                        List.of(sg("local")), List.of(port(443, 443)), "pass"), "in-https"),
                withUuid(rule(">", "tcp", List.of(sg("local")), List.of(port(0, 65535)),
                        List.of(sg("default-domain:demo:db")), List.of(port(5432, 5432)), "pass"), "out-db"))).change());

        List<DesiredRecord> acls = derive("sg-web");

        assertThat(acls).extracting(DesiredRecord::key).containsExactly(
                "security-group-acl/default-domain:demo:web:ingress-access-control-list",
                "security-group-acl/default-domain:demo:web:egress-access-control-list");
        assertThat(CanonicalJson.text(acls.get(0))).isEqualTo("""
                {"acl_rule":[{"action_list":{"simple_action":"pass"},"direction":">","match_condition":{\
                "dst_address":{"security_group":"8000001"},"dst_port":{"end_port":443,"start_port":443},\
                "ethertype":"IPv4","protocol":"6","src_address":{"subnet":{"ip_prefix":"0.0.0.0","ip_prefix_len":0}},\
                "src_port":{"end_port":65535,"start_port":0}},"rule_uuid":"in-https"}],\
                "derived_from":{"security-group/sg-db":1,"security-group/sg-web":4},"direction":"ingress",\
                "name":"default-domain:demo:web:ingress-access-control-list","security_group":"default-domain:demo:web",\
                "security_group_id":8000001,"security_group_uuid":"sg-web"}""");
        assertThat(CanonicalJson.text(acls.get(1))).isEqualTo("""
                {"acl_rule":[{"action_list":{"simple_action":"pass"},"direction":">","match_condition":{\
                "dst_address":{"security_group":"8000002"},"dst_port":{"end_port":5432,"start_port":5432},\
                "ethertype":"IPv4","protocol":"6","src_address":{"security_group":"8000001"},\
                "src_port":{"end_port":65535,"start_port":0}},"rule_uuid":"out-db"}],\
                "derived_from":{"security-group/sg-db":1,"security-group/sg-web":4},"direction":"egress",\
                "name":"default-domain:demo:web:egress-access-control-list","security_group":"default-domain:demo:web",\
                "security_group_id":8000001,"security_group_uuid":"sg-web"}""");
    }

    @Test
    void holdsARuleNamingAGroupThatHasNotArrived() {
        image.apply(securityGroup("sg-web", 1, "demo", "web", 8_000_001, List.of(
                rule(">", "tcp", sg("default-domain:demo:db"), sg("local"), "pass"))).change());

        assertThat(derive("sg-web").getFirst().value().get("acl_rule")).isEqualTo(List.of());

        image.apply(securityGroup("sg-db", 1, "demo", "db", 8_000_002, List.of()).change());

        assertThat(derive("sg-web").getFirst().value().get("acl_rule")).asList().hasSize(1);
    }
}
