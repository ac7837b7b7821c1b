package io.filament.schema.projection;

import static io.filament.schema.fixtures.ConfigSnapshots.globalSystemConfig;
import static io.filament.schema.fixtures.ConfigSnapshots.network;
import static io.filament.schema.fixtures.ConfigSnapshots.policy;
import static io.filament.schema.fixtures.ConfigSnapshots.port;
import static io.filament.schema.fixtures.ConfigSnapshots.rule;
import static io.filament.schema.fixtures.ConfigSnapshots.vn;
import static io.filament.schema.fixtures.ConfigSnapshots.withUuid;
import static org.assertj.core.api.Assertions.assertThat;

import io.filament.schema.config.ConfigImage;
import io.filament.schema.desired.CanonicalJson;
import io.filament.schema.desired.DesiredRecord;
import io.filament.schema.fixtures.ConfigSnapshots.Policy;
import io.filament.schema.fixtures.ConfigSnapshots.Snapshot;
import io.filament.schema.routing.InMemoryRouteTargetStore;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class FullRecomputeTest {

    private static final String RED = "default-domain:demo:red";
    private static final String BLUE = "default-domain:demo:blue";
    private static final Policy RED_POLICY = Policy.of("p-red", "demo", "red-policy");
    private static final Policy BLUE_POLICY = Policy.of("p-blue", "demo", "blue-policy");

    private final InMemoryRouteTargetStore store = new InMemoryRouteTargetStore();

    private SortedMap<String, DesiredRecord> recompute(Snapshot... snapshots) {
        ConfigImage image = new ConfigImage();
        for (Snapshot snapshot : snapshots) {
            image.apply(snapshot.change());
        }
        return FullRecompute.compute(image, store);
    }

    private static String json(SortedMap<String, DesiredRecord> state, String key) {
        assertThat(state).containsKey(key);
        return CanonicalJson.text(state.get(key));
    }

    @Test
    void givesANewNetworkItsDefaultInstanceAndTheFirstTargetAboveEightMillion() {
        var state = recompute(network("n-red", 2, "red", 5));

        assertThat(state.keySet()).containsExactly("route-target/target:64512:8000000",
                "routing-instance/default-domain:demo:red:red");
        assertThat(json(state, "routing-instance/default-domain:demo:red:red")).isEqualTo("""
                {"connections":[],"derived_from":{"virtual-network/n-red":2},\
                "export_route_targets":["target:64512:8000000"],"forwarding_mode":"l2_l3",\
                "import_route_targets":["target:64512:8000000"],"name":"default-domain:demo:red:red",\
                "route_target":"target:64512:8000000","routing_instance_is_default":true,\
                "virtual_network":"default-domain:demo:red","virtual_network_uuid":"n-red","vni":5}""");
        assertThat(json(state, "route-target/target:64512:8000000")).isEqualTo("""
                {"autonomous_system":64512,"derived_from":{"virtual-network/n-red":2},\
                "name":"target:64512:8000000","number":8000000,"routing_instance":"default-domain:demo:red:red"}""");
    }

    @Test
    void allocatesFromEightThousandUnderAFourByteAsn() {
        var state = recompute(globalSystemConfig("gsc", 7, 4_200_000_001L), network("n-red", 1, "red", 5));

        assertThat(state).containsKey("route-target/target:4200000001:8000");
        assertThat(state.get("routing-instance/default-domain:demo:red:red").value())
                .containsEntry("route_target", "target:4200000001:8000")
                .containsEntry("derived_from", Map.of("global-system-config/gsc", 7, "virtual-network/n-red", 1));
    }

    @Test
    void addsUserRouteTargetsToImportAndExportAsTfDoes() {
        var state = recompute(network("n-red", 1, "demo", "red", 5, Map.of(
                "route_target_list", Map.of("route_target", List.of("target:64512:100")),
                "import_route_target_list", Map.of("route_target", List.of("target:64512:200")),
                "export_route_target_list", Map.of("route_target", List.of("target:64512:300")))));

        var instance = state.get("routing-instance/default-domain:demo:red:red").value();
        assertThat(instance.get("import_route_targets"))
                .isEqualTo(List.of("target:64512:100", "target:64512:200", "target:64512:8000000"));
        assertThat(instance.get("export_route_targets"))
                .isEqualTo(List.of("target:64512:100", "target:64512:300", "target:64512:8000000"));
    }

    @Test
    void writesTheNetworkAclWithImplicitPassAndDenyAll() {
        var state = recompute(
                network("n-red", 2, "red", 5, RED_POLICY),
                policy("p-red", 3, "demo", "red-policy", List.of(withUuid(rule(">", "udp", List.of(vn("local")),
                        List.of(port(-1, -1)), List.of(vn(BLUE)), List.of(port(53, 53)), "pass"), "rule-a"))));

        assertThat(json(state, "network-acl/default-domain:demo:red:red")).isEqualTo("""
                {"acl_rule":[\
                {"action_list":{"simple_action":"pass"},"direction":">","match_condition":{\
                "dst_address":{"virtual_network":"default-domain:demo:blue"},"dst_port":{"end_port":53,"start_port":53},\
                "ethertype":"IPv4","protocol":"17","src_address":{"virtual_network":"default-domain:demo:red"},\
                "src_port":{"end_port":-1,"start_port":-1}},"rule_uuid":"rule-a"},\
                {"action_list":{"simple_action":"pass"},"direction":">","match_condition":{\
                "dst_address":{"virtual_network":"default-domain:demo:red"},"dst_port":{"end_port":65535,"start_port":0},\
                "ethertype":"IPv4","protocol":"any","src_address":{"virtual_network":"default-domain:demo:red"},\
                "src_port":{"end_port":65535,"start_port":0}},"rule_uuid":"00000000-0000-0000-0000-100000000001"},\
                {"action_list":{"simple_action":"deny"},"direction":">","match_condition":{\
                "dst_address":{"virtual_network":"any"},"dst_port":{"end_port":65535,"start_port":0},\
                "ethertype":"IPv4","protocol":"any","src_address":{"virtual_network":"any"},\
                "src_port":{"end_port":65535,"start_port":0}},"rule_uuid":"00000000-0000-0000-0000-100000000002"}],\
                "derived_from":{"network-policy/p-red":3,"virtual-network/n-red":2},"dynamic":false,\
                "name":"default-domain:demo:red:red","virtual_network":"default-domain:demo:red",\
                "virtual_network_uuid":"n-red"}""");
    }

    @Test
    void givesANetworkWithoutPoliciesNoAcl() {
        var state = recompute(network("n-red", 1, "red", 5));

        assertThat(state.keySet()).noneMatch(key -> key.startsWith("network-acl/"));
    }

    @Test
    void connectsMutuallyAllowingNetworksSoEachImportsTheOthersTarget() {
        var state = recompute(
                network("n-red", 1, "red", 5, RED_POLICY),
                network("n-blue", 1, "blue", 6, BLUE_POLICY),
                policy("p-red", 1, "demo", "red-policy", List.of(rule("<>", "any", vn("local"), vn(BLUE), "pass"))),
                policy("p-blue", 1, "demo", "blue-policy", List.of(rule("<>", "any", vn("local"), vn(RED), "pass"))));

        assertThat(json(state, "connection/default-domain:demo:blue:blue,default-domain:demo:red:red")).isEqualTo("""
                {"derived_from":{"network-policy/p-blue":1,"network-policy/p-red":1,"virtual-network/n-blue":1,\
                "virtual-network/n-red":1},"routing_instances":["default-domain:demo:blue:blue",\
                "default-domain:demo:red:red"],"virtual_networks":["default-domain:demo:blue","default-domain:demo:red"]}""");
        var red = state.get("routing-instance/default-domain:demo:red:red").value();
        var blue = state.get("routing-instance/default-domain:demo:blue:blue").value();
        String redTarget = (String) red.get("route_target");
        String blueTarget = (String) blue.get("route_target");
        assertThat(red.get("import_route_targets")).isEqualTo(List.of(redTarget, blueTarget).stream().sorted().toList());
        assertThat(blue.get("import_route_targets")).isEqualTo(List.of(redTarget, blueTarget).stream().sorted().toList());
        assertThat(red.get("export_route_targets")).isEqualTo(List.of(redTarget));
        assertThat(red.get("connections")).isEqualTo(List.of("default-domain:demo:blue:blue"));
    }

    @Test
    void makesNoConnectionFromAOneSidedPolicy() {
        var state = recompute(
                network("n-red", 1, "red", 5, RED_POLICY),
                network("n-blue", 1, "blue", 6),
                policy("p-red", 1, "demo", "red-policy", List.of(rule("<>", "any", vn("local"), vn(BLUE), "pass"))));

        assertThat(state.keySet()).noneMatch(key -> key.startsWith("connection/"));
        assertThat(state.get("routing-instance/default-domain:demo:red:red").value().get("import_route_targets"))
                .isEqualTo(List.of("target:64512:8000001"));
    }

    @Test
    void givesEveryNetworkADistinctTarget() {
        var state = recompute(network("n-a", 1, "a", 1), network("n-b", 1, "b", 2), network("n-c", 1, "c", 3));

        assertThat(state.keySet()).filteredOn(key -> key.startsWith("route-target/")).containsExactly(
                "route-target/target:64512:8000000", "route-target/target:64512:8000001",
                "route-target/target:64512:8000002");
    }
}
