package io.filament.control.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent that applies every pushed delta, starting from nothing, holds exactly the subgraph a full walk of the
 * final config gives — whatever order networks, VMs, ports and bindings come and go in.
 */
class ConfigPushIncrementalTest {

    static final NodeKey VR = new NodeKey("virtual-router", "default-global-system-config:host1");

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 30);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void deltasAppliedInOrderEqualAFullWalk(long seed) {
        Random r = new Random(seed);
        ConfigGraph graph = new ConfigGraph();
        graph.put(object("virtual-router", "vr", List.of("default-global-system-config", "host1"), "global-system-config", List.of()));
        ConfigSubgraph held = ConfigSubgraph.EMPTY;
        TreeMap<NodeKey, SortedMap<String, JsonNode>> agentNodes = new TreeMap<>();
        TreeSet<ConfigLink> agentLinks = new TreeSet<>();
        for (int step = 0; step < 120; step++) {
            mutate(graph, r);
            ConfigSubgraph owed = GraphWalker.walk(graph, VR);
            for (ConfigItem item : ConfigDelta.between(held, owed)) {
                switch (item) {
                    case ConfigItem.NodeUpdate u -> agentNodes.put(u.key(), u.properties());
                    case ConfigItem.LinkUpdate u -> agentLinks.add(u.link());
                    case ConfigItem.NodeDelete d -> agentNodes.remove(d.key());
                    case ConfigItem.LinkDelete d -> agentLinks.remove(d.link());
                }
            }
            held = owed;
            assertThat(agentNodes).isEqualTo(owed.nodes());
            assertThat(agentLinks).isEqualTo(owed.links());
        }
        ConfigGraph rebuilt = new ConfigGraph();
        snapshot.values().forEach(rebuilt::put);
        assertThat(GraphWalker.walk(rebuilt, VR)).isEqualTo(held);
    }

    private final Map<String, ConfigObject> snapshot = new TreeMap<>();

    private void mutate(ConfigGraph graph, Random r) {
        int vn = r.nextInt(3);
        int vm = r.nextInt(4);
        switch (r.nextInt(6)) {
            case 0 -> store(graph, object("virtual-network", "vn" + vn, List.of("d", "p", "vn" + vn), "project", List.of(),
                    Map.of("display_name", JsonNodeFactory.instance.stringNode("vn" + vn + "-" + r.nextInt(3)))));
            case 1 -> store(graph, object("virtual-machine", "vm" + vm, List.of("vm" + vm), null, List.of()));
            case 2 -> store(graph, object("virtual-machine-interface", "vmi" + vm, List.of("vm" + vm, "vmi" + vm), "virtual-machine",
                    List.of(new ConfigRef("virtual-network", List.of("d", "p", "vn" + vn), "", Optional.empty()))));
            case 3 -> {
                List<ConfigRef> vms = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    if (r.nextBoolean()) {
                        vms.add(new ConfigRef("virtual-machine", List.of("vm" + i), "", Optional.empty()));
                    }
                }
                store(graph, object("virtual-router", "vr", List.of("default-global-system-config", "host1"), "global-system-config", vms));
            }
            case 4 -> store(graph, object("instance-ip", "iip" + vm, List.of("iip" + vm), null, List.of(
                    new ConfigRef("virtual-machine-interface", List.of("vm" + vm, "vmi" + vm), "", Optional.empty()),
                    new ConfigRef("virtual-network", List.of("d", "p", "vn" + vn), "", Optional.empty()))));
            default -> {
                List<String> uuids = new ArrayList<>(snapshot.keySet());
                uuids.remove("vr");
                if (!uuids.isEmpty()) {
                    String uuid = uuids.get(r.nextInt(uuids.size()));
                    graph.removeByUuid(uuid);
                    snapshot.remove(uuid);
                }
            }
        }
    }

    private void store(ConfigGraph graph, ConfigObject o) {
        graph.put(o);
        snapshot.put(o.uuid(), o);
    }

    private static ConfigObject object(String type, String uuid, List<String> fq, String parent, List<ConfigRef> refs) {
        return object(type, uuid, fq, parent, refs, Map.of());
    }

    private static ConfigObject object(String type, String uuid, List<String> fq, String parent, List<ConfigRef> refs,
                                       Map<String, JsonNode> props) {
        return new ConfigObject(type, uuid, 1, fq, Optional.ofNullable(parent), new TreeMap<>(props), refs);
    }
}
