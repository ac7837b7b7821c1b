package io.filament.control.xmpp.it;

import io.filament.control.config.ConfigObject;
import io.filament.control.config.ConfigRef;
import io.filament.control.config.NodeKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An agent subscribed to its virtual-router receives exactly its host's subgraph, then a port bound to it later
 * as an incremental update, and its deletion as a delete.
 */
class ConfigPushIT {

    ControlNodeFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new ControlNodeFixture(false, false);
        fixture.node.config().change(g -> {
            g.put(object("virtual-network", "vn-red", List.of("default-domain", "demo", "red"), "project", List.of()));
            g.put(object("virtual-machine", "vm1", List.of("vm1"), null, List.of()));
            g.put(object("virtual-machine", "vm2", List.of("vm2"), null, List.of()));
            g.put(vmi("vmi1", "vm1"));
            g.put(vmi("vmi2", "vm2"));
            g.put(object("virtual-router", "vr-host1", List.of("default-global-system-config", "host1"),
                    "global-system-config", List.of(ref("virtual-machine", List.of("vm1")))));
            g.put(object("virtual-router", "vr-host2", List.of("default-global-system-config", "host2"),
                    "global-system-config", List.of(ref("virtual-machine", List.of("vm2")))));
        }).join();
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void pushesTheHostsSubgraphThenAPortBoundLaterThenItsDeletion() throws Exception {
        try (SmackAgent host1 = SmackAgent.connect(fixture.address(), "host1", "secret1", false)) {
            host1.subscribeConfig();

            await().atMost(Duration.ofSeconds(10)).until(() -> String.join("", host1.configIqs).contains("vmi1"));
            String initial = String.join("", host1.configIqs);
            assertThat(initial).contains("<name>default-global-system-config:host1</name>", "<name>vm1</name>",
                    "<name>vm1:vmi1</name>", "<name>default-domain:demo:red</name>",
                    "metadata type=\"virtual-machine-interface-virtual-network\"")
                    .doesNotContain("vm2", "host2");
            assertThat(host1.configIqs).allSatisfy(iq -> assertThat(iq).contains("<update>"));
            int before = host1.configIqs.size();

            fixture.node.config().change(g -> {
                g.put(object("virtual-machine", "vm3", List.of("vm3"), null, List.of()));
                g.put(vmi("vmi3", "vm3"));
                g.put(object("virtual-router", "vr-host1", List.of("default-global-system-config", "host1"),
                        "global-system-config", List.of(ref("virtual-machine", List.of("vm1")), ref("virtual-machine", List.of("vm3")))));
            }).join();

            await().atMost(Duration.ofSeconds(10)).until(() -> host1.configIqs.size() > before);
            String added = String.join("", host1.configIqs.subList(before, host1.configIqs.size()));
            assertThat(added).contains("<name>vm3:vmi3</name>").doesNotContain("<name>vm1:vmi1</name>", "<delete>");
            int beforeDelete = host1.configIqs.size();

            fixture.node.config().change(g -> g.removeByUuid("vmi3")).join();

            await().atMost(Duration.ofSeconds(10)).until(() -> host1.configIqs.size() > beforeDelete);
            String deleted = String.join("", host1.configIqs.subList(beforeDelete, host1.configIqs.size()));
            assertThat(deleted).contains("<delete>", "<name>vm3:vmi3</name>").doesNotContain("<update>");
            assertThat(fixture.node.config().owed("host1").join().nodes())
                    .doesNotContainKey(new NodeKey("virtual-machine-interface", "vm3:vmi3"));
        }
    }

    static ConfigObject vmi(String uuid, String vm) {
        TreeMap<String, tools.jackson.databind.JsonNode> props = new TreeMap<>();
        props.put("virtual_machine_interface_mac_addresses",
                JsonNodeFactory.instance.objectNode().set("mac_address", JsonNodeFactory.instance.arrayNode().add("02:00:00:00:00:01")));
        return new ConfigObject("virtual-machine-interface", uuid, 1, List.of(vm, uuid), Optional.of("virtual-machine"),
                props, List.of(ref("virtual-network", List.of("default-domain", "demo", "red"))));
    }

    static ConfigObject object(String type, String uuid, List<String> fq, String parentType, List<ConfigRef> refs) {
        return new ConfigObject(type, uuid, 1, fq, Optional.ofNullable(parentType),
                new TreeMap<>(Map.of("display_name", JsonNodeFactory.instance.stringNode(fq.getLast()))), refs);
    }

    static ConfigRef ref(String type, List<String> to) {
        return new ConfigRef(type, to, "", Optional.empty());
    }
}
