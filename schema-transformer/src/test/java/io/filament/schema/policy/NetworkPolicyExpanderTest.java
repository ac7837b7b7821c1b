package io.filament.schema.policy;

import static io.filament.schema.fixtures.ConfigSnapshots.policy;
import static io.filament.schema.fixtures.ConfigSnapshots.port;
import static io.filament.schema.fixtures.ConfigSnapshots.rule;
import static io.filament.schema.fixtures.ConfigSnapshots.subnet;
import static io.filament.schema.fixtures.ConfigSnapshots.vn;
import static io.filament.schema.fixtures.ConfigSnapshots.withUuid;
import static org.assertj.core.api.Assertions.assertThat;

import io.filament.schema.config.ConfigChange;
import io.filament.schema.config.ConfigObject;
import io.filament.schema.config.PolicyRule.PortRange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkPolicyExpanderTest {

    private static final String RED = "default-domain:demo:red";
    private static final String BLUE = "default-domain:demo:blue";
    private static final PortRange ANY_PORT = new PortRange(-1, -1);

    private static ConfigObject policyWith(String uuid, List<Map<String, Object>> rules) {
        return ((ConfigChange.Upserted) policy(uuid, 1, "demo", "p-" + uuid, rules).change()).object();
    }

    private static AclRule.Match tcp(AclAddress src, PortRange sp, AclAddress dst, PortRange dp) {
        return new AclRule.Match("6", "IPv4", src, sp, dst, dp);
    }

    @Test
    void expandsEachDestinationPortRangeAndAddsTheReverseOfABidirectionalRule() {
        ConfigObject policy = policyWith("p1", List.of(withUuid(rule("<>", "tcp", List.of(vn("local")),
                List.of(port(-1, -1)), List.of(vn(BLUE)), List.of(port(80, 80), port(8000, 8080)), "pass"), "r-1")));

        List<AclRule> rules = NetworkPolicyExpander.expand(RED, List.of(policy));

        AclAddress red = new AclAddress.Network(RED);
        AclAddress blue = new AclAddress.Network(BLUE);
        assertThat(rules).extracting(AclRule::match).containsExactly(
                tcp(red, ANY_PORT, blue, new PortRange(80, 80)),
                tcp(blue, new PortRange(80, 80), red, ANY_PORT),
                tcp(red, ANY_PORT, blue, new PortRange(8000, 8080)),
                tcp(blue, new PortRange(8000, 8080), red, ANY_PORT));
        assertThat(rules).extracting(AclRule::ruleUuid).containsOnly("r-1");
        assertThat(rules).extracting(AclRule::simpleAction).containsOnly("pass");
    }

    @Test
    void keepsAOneWayRuleFromAnyAsASingleEntryWithTheProtocolNumber() {
        ConfigObject policy = policyWith("p1", List.of(rule(">", "icmp", vn("any"), vn("local"), "deny")));

        List<AclRule> rules = NetworkPolicyExpander.expand(RED, List.of(policy));

        assertThat(rules).singleElement().satisfies(rule -> {
            assertThat(rule.match()).isEqualTo(new AclRule.Match("1", "IPv4", new AclAddress.Any(), ANY_PORT,
                    new AclAddress.Network(RED), ANY_PORT));
            assertThat(rule.simpleAction()).isEqualTo("deny");
        });
    }

    @Test
    void dropsRulesBetweenOtherNetworksButKeepsSubnetToSubnetRules() {
        ConfigObject policy = policyWith("p1", List.of(
                rule(">", "tcp", vn(BLUE), vn("default-domain:demo:green"), "pass"),
                rule(">", "udp", subnet("10.1.0.0", 16), subnet("10.2.0.0", 16), "pass")));

        List<AclRule> rules = NetworkPolicyExpander.expand(RED, List.of(policy));

        assertThat(rules).extracting(AclRule::match).containsExactly(new AclRule.Match("17", "IPv4",
                new AclAddress.Subnet("10.1.0.0", 16), ANY_PORT, new AclAddress.Subnet("10.2.0.0", 16), ANY_PORT));
    }

    @Test
    void keepsTheFirstOfDuplicateRulesAcrossPolicies() {
        ConfigObject first = policyWith("p1", List.of(withUuid(rule(">", "tcp", vn("local"), vn(BLUE), "pass"), "a")));
        ConfigObject second = policyWith("p2", List.of(withUuid(rule(">", "6", vn(RED), vn(BLUE), "pass"), "b")));

        List<AclRule> rules = NetworkPolicyExpander.expand(RED, List.of(first, second));

        assertThat(rules).extracting(AclRule::ruleUuid).containsExactly("a");
    }

    @Test
    void givesRulesWithoutUuidAnIdThatDependsOnlyOnTheirContent() {
        var content = rule(">", "tcp", vn("local"), vn(BLUE), "pass");
        String once = NetworkPolicyExpander.expand(RED, List.of(policyWith("p1", List.of(content))))
                .getFirst().ruleUuid();
        String again = NetworkPolicyExpander.expand(RED, List.of(policyWith("p1",
                List.of(rule(">", "udp", vn("local"), vn(BLUE), "pass"), content)))).get(1).ruleUuid();

        assertThat(once).isEqualTo(again).matches("[0-9a-f-]{36}");
    }

    @Test
    void derivesTheNetworksAPolicyAllows() {
        ConfigObject policy = policyWith("p1", List.of(
                rule("<>", "any", vn("local"), vn(BLUE), "pass"),
                rule(">", "any", vn("default-domain:demo:green"), vn("local"), "deny"),
                rule(">", "any", vn("local"), subnet("192.0.2.0", 24), "pass")));

        ConnectionIntent intent = NetworkPolicyExpander.intentOf(RED,
                NetworkPolicyExpander.expand(RED, List.of(policy)));

        assertThat(intent.named()).containsExactly(BLUE);
        assertThat(intent.any()).isFalse();
    }
}
