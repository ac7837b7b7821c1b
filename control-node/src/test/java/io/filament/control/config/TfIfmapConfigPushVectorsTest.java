package io.filament.control.config;

import io.filament.control.xmpp.wire.ConfigMessageEncoder;
import io.filament.control.xmpp.wire.TfVectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For each of TF's {@code ifmap/cli1_*} configurations, the config the control node pushes to vRouter
 * {@code a1s27} carries the objects, links and properties TF's control node sent ({@code *.master_output}).
 */
class TfIfmapConfigPushVectorsTest {

    static final NodeKey VROUTER = new NodeKey("virtual-router", "default-global-system-config:a1s27.contrail.juniper.net");

    @ParameterizedTest
    @ValueSource(strings = {"cli1_vn1_vm3_add", "cli1_vn2_np1_add", "cli1_vn2_np2_add"})
    void pushesTheSameObjectsLinksAndPropertiesAsTungstenFabric(String config) throws Exception {
        ConfigPushMeaning expected = ConfigPushMeaning.of(
                new String(TfVectors.bytes("ifmap", config + ".master_output"), StandardCharsets.UTF_8));
        ConfigPushMeaning pushed = ConfigPushMeaning.of(push(config));

        assertThat(pushed.nodes().keySet()).containsAll(expected.nodes().keySet());
        assertThat(pushed.links()).containsAll(expected.links());
        // TF's later whitelist also sends a network's routing instance (and a VMI's); nothing else is extra
        assertThat(pushed.nodes().keySet()).filteredOn(k -> !expected.nodes().containsKey(k))
                .allMatch(k -> k.startsWith("routing-instance|") || k.startsWith("virtual-machine-interface-routing-instance|"));
        assertThat(pushed.links()).filteredOn(l -> !expected.links().contains(l))
                .allMatch(l -> l.endsWith(": virtual-network-routing-instance")
                        || l.endsWith(": virtual-machine-interface-routing-instance"));
        for (String node : expected.nodes().keySet()) {
            Map<String, String> ours = pushed.nodes().get(node);
            Map<String, String> theirs = expected.nodes().get(node);
            theirs.forEach((path, value) -> {
                if (!ConfigPushMeaning.isGeneratedDefault(value)) {
                    assertThat(ours).as(node).containsEntry(path, value);
                }
            });
            assertThat(theirs.keySet()).as(node + " has no property TF did not send").containsAll(ours.keySet());
        }
    }

    private static String push(String config) {
        ConfigSnapshotReader reader = new ConfigSnapshotReader();
        ConfigGraph graph = new ConfigGraph();
        for (var s : CassandraDumpFixture.snapshots(TfVectors.bytes("ifmap", config + ".json"))) {
            ConfigObject object = reader.read(s.key(), s.value());
            graph.put(object);
            if (object.type().equals("virtual-machine")) {
                // the agent subscribes to each of its VMs (port-ipc); TF's test does the same
                graph.subscribeVirtualMachine(VROUTER, object.uuid());
            }
        }
        List<ConfigItem> items = ConfigDelta.between(ConfigSubgraph.EMPTY, GraphWalker.walk(graph, VROUTER));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < items.size(); i += ConfigMessageEncoder.MAX_OBJECTS) {
            ConfigMessageEncoder.encode(out, "network-control@contrailsystems.com",
                    VROUTER.name() + "/config", items.subList(i, Math.min(items.size(), i + ConfigMessageEncoder.MAX_OBJECTS)));
        }
        return out.toString();
    }
}
