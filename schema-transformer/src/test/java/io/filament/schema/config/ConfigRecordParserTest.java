package io.filament.schema.config;

import static io.filament.schema.fixtures.ConfigSnapshots.network;
import static io.filament.schema.fixtures.ConfigSnapshots.policy;
import static io.filament.schema.fixtures.ConfigSnapshots.port;
import static io.filament.schema.fixtures.ConfigSnapshots.rule;
import static io.filament.schema.fixtures.ConfigSnapshots.vn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filament.schema.config.ConfigBody.NetworkPolicyConfig;
import io.filament.schema.config.ConfigBody.VirtualNetworkConfig;
import io.filament.schema.fixtures.ConfigSnapshots.Policy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigRecordParserTest {

    private final ConfigRecordParser parser = new ConfigRecordParser();

    private ConfigChange parse(String key, String json) {
        return parser.parse(key, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsANetworkWithItsIdentifiersAndPolicyReferences() {
        var snapshot = network("11111111-0000-0000-0000-000000000001", 4, "red", 5,
                Policy.of("22222222-0000-0000-0000-000000000001", "demo", "red-to-blue"));

        ConfigObject object = ((ConfigChange.Upserted) snapshot.change()).object();

        assertThat(object.key()).isEqualTo(ConfigKey.of("virtual-network", "11111111-0000-0000-0000-000000000001"));
        assertThat(object.version()).isEqualTo(4);
        assertThat(object.fqName().toString()).isEqualTo("default-domain:demo:red");
        assertThat(object.refsTo("network-policy")).singleElement().satisfies(ref -> {
            assertThat(ref.uuid()).isEqualTo("22222222-0000-0000-0000-000000000001");
            assertThat(ref.to().toString()).isEqualTo("default-domain:demo:red-to-blue");
            assertThat(ref.attr().path("sequence").path("major").intValue()).isZero();
        });
        assertThat(object.refsTo("network-ipam")).hasSize(1);
        assertThat(object.body()).isEqualTo(new VirtualNetworkConfig(Optional.of(5), Optional.empty(),
                Optional.of("l2_l3"), List.of(), List.of(), List.of()));
    }

    @Test
    void readsATombstoneAsARemoval() {
        assertThat(parser.parse("virtual-network/abc", null))
                .isEqualTo(new ConfigChange.Removed(ConfigKey.of("virtual-network", "abc")));
    }

    @Test
    void turnsProtocolNamesIntoNumbersAndKeepsPortRanges() {
        var snapshot = policy("p1", 1, "demo", "web", List.of(rule("<>", "TCP", List.of(vn("local")),
                List.of(port(1000, 2000)), List.of(vn("any")), List.of(port(80, 80)), "pass")));

        PolicyRule parsed = ((NetworkPolicyConfig) ((ConfigChange.Upserted) snapshot.change()).object().body())
                .rules().getFirst();

        assertThat(parsed.protocol()).isEqualTo("6");
        assertThat(parsed.bidirectional()).isTrue();
        assertThat(parsed.sourcePorts()).containsExactly(new PolicyRule.PortRange(1000, 2000));
        assertThat(parsed.destinationPorts()).containsExactly(new PolicyRule.PortRange(80, 80));
        assertThat(parsed.sourceAddresses()).containsExactly(new PolicyRule.NetworkAddress("local"));
    }

    @Test
    void readsASecurityGroupRuleWithoutActionListAsPassAsTfDoes() {
        String group = """
                {"type": "security-group", "uuid": "33333333-0000-0000-0000-000000000001", "version": 1,
                 "fq_name": ["default-domain", "demo", "default"],
                 "object": {"uuid": "33333333-0000-0000-0000-000000000001",
                            "fq_name": ["default-domain", "demo", "default"], "security_group_id": 8000001,
                            "security_group_entries": {"policy_rule": [
                              {"rule_uuid": "44444444-0000-0000-0000-000000000001", "direction": ">",
                               "protocol": "any", "ethertype": "IPv4",
                               "src_addresses": [{"security_group": "local"}],
                               "dst_addresses": [{"subnet": {"ip_prefix": "0.0.0.0", "ip_prefix_len": 0}}],
                               "src_ports": [{"start_port": 0, "end_port": 65535}],
                               "dst_ports": [{"start_port": 0, "end_port": 65535}]}]}}}
                """;

        var body = (ConfigBody.SecurityGroupConfig) ((ConfigChange.Upserted) parse(
                "security-group/33333333-0000-0000-0000-000000000001", group)).object().body();

        assertThat(body.rules()).singleElement()
                .satisfies(rule -> assertThat(rule.action()).isEqualTo(new PolicyRule.Action("pass", List.of())));
    }

    @Test
    void rejectsAPolicyRuleWithoutActionList() {
        String policy = """
                {"type": "network-policy", "uuid": "55555555-0000-0000-0000-000000000001", "version": 1,
                 "fq_name": ["default-domain", "demo", "p"],
                 "object": {"uuid": "55555555-0000-0000-0000-000000000001", "fq_name": ["default-domain", "demo", "p"],
                            "network_policy_entries": {"policy_rule": [
                              {"direction": ">", "protocol": "any",
                               "src_addresses": [{"virtual_network": "local"}],
                               "dst_addresses": [{"virtual_network": "any"}]}]}}}
                """;

        assertThatThrownBy(() -> parse("network-policy/55555555-0000-0000-0000-000000000001", policy))
                .isInstanceOfSatisfying(ConfigRecordRejected.class, rejected ->
                        assertThat(rejected.field()).endsWith("policy_rule[0].action_list"));
    }

    @Test
    void rejectsAnUnknownProtocolNamingTheField() {
        var snapshot = policy("p1", 1, "demo", "web",
                List.of(rule(">", "sctp-ish", vn("local"), vn("any"), "pass")));

        assertThatThrownBy(snapshot::change)
                .isInstanceOfSatisfying(ConfigRecordRejected.class, rejected -> {
                    assertThat(rejected.field()).isEqualTo("object.network_policy_entries.policy_rule[0].protocol");
                    assertThat(rejected.value()).isEqualTo("sctp-ish");
                });
    }

    @Test
    void rejectsAnInvertedPortRange() {
        var snapshot = policy("p1", 1, "demo", "web", List.of(rule(">", "udp", List.of(vn("local")),
                List.of(port(2000, 1000)), List.of(vn("any")), List.of(port(-1, -1)), "pass")));

        assertThatThrownBy(snapshot::change).isInstanceOf(ConfigRecordRejected.class)
                .hasMessageContaining("src_ports[0].start_port=2000..1000");
    }

    @Test
    void rejectsAValueWhoseIdentityDoesNotMatchTheKey() {
        assertThatThrownBy(() -> parse("virtual-network/other",
                "{\"type\":\"virtual-network\",\"uuid\":\"abc\",\"version\":1,\"fq_name\":[\"a\"],\"object\":{}}"))
                .isInstanceOfSatisfying(ConfigRecordRejected.class,
                        rejected -> assertThat(rejected.value()).isEqualTo("virtual-network/abc"));
    }

    @Test
    void rejectsTextThatIsNotJson() {
        assertThatThrownBy(() -> parse("virtual-network/abc", "{not json"))
                .isInstanceOfSatisfying(ConfigRecordRejected.class,
                        rejected -> assertThat(rejected.field()).isEqualTo("value"));
    }

    @Test
    void rejectsAMissingVersion() {
        assertThatThrownBy(() -> parse("virtual-network/abc",
                "{\"type\":\"virtual-network\",\"uuid\":\"abc\",\"fq_name\":[\"a\"],\"object\":{}}"))
                .isInstanceOfSatisfying(ConfigRecordRejected.class,
                        rejected -> assertThat(rejected.field()).isEqualTo("version"));
    }

    @Test
    void rejectsAKeyWithoutType() {
        assertThatThrownBy(() -> parser.parse("abc", null))
                .isInstanceOfSatisfying(ConfigRecordRejected.class,
                        rejected -> assertThat(rejected.field()).isEqualTo("key"));
    }

    @Test
    void rejectsAMalformedUserRouteTarget() {
        var snapshot = network("n1", 1, "demo", "red", 5,
                Map.of("route_target_list", Map.of("route_target", List.of("64512:100"))));

        assertThatThrownBy(snapshot::change)
                .isInstanceOfSatisfying(ConfigRecordRejected.class, rejected -> {
                    assertThat(rejected.field()).isEqualTo("object.route_target_list.route_target");
                    assertThat(rejected.value()).isEqualTo("64512:100");
                });
    }

    @Test
    void keepsUnknownTypesForTheirReferencesOnly() {
        var change = (ConfigChange.Upserted) parse("virtual-machine-interface/v1",
                "{\"type\":\"virtual-machine-interface\",\"uuid\":\"v1\",\"version\":2,\"fq_name\":[\"d\",\"p\",\"v1\"],"
                        + "\"object\":{\"virtual_network_refs\":[{\"to\":[\"d\",\"p\",\"red\"],\"uuid\":\"n1\",\"attr\":null}]}}");

        assertThat(change.object().body()).isEqualTo(new ConfigBody.OtherConfig());
        assertThat(change.object().refs()).singleElement()
                .satisfies(ref -> assertThat(ref.target()).isEqualTo(ConfigKey.of("virtual-network", "n1")));
    }
}
