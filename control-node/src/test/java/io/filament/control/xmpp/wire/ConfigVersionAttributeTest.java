package io.filament.control.xmpp.wire;

import io.filament.control.config.ConfigGraph;
import io.filament.control.config.ConfigItem;
import io.filament.control.config.ConfigObject;
import io.filament.control.config.NodeKey;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigVersionAttributeTest {

    private static String pushed(long version) {
        ConfigGraph graph = new ConfigGraph();
        TreeMap<String, tools.jackson.databind.JsonNode> properties = new TreeMap<>();
        properties.put("display_name", JsonNodeFactory.instance.stringNode("vmi1"));
        graph.put(new ConfigObject("virtual-machine-interface", "6a1f", version, List.of("d", "p", "vmi1"),
                Optional.of("project"), properties, List.of()));
        NodeKey key = NodeKey.of("virtual-machine-interface", List.of("d", "p", "vmi1"));
        StringBuilder out = new StringBuilder();
        ConfigMessageEncoder.encode(out, "network-control@contrailsystems.com", "host1",
                List.of(new ConfigItem.NodeUpdate(key, graph.properties(key).orElseThrow())));
        return out.toString();
    }

    @Test
    void writesTheObjectsVersionAsAnAttributeOfItsNode() {
        String xml = pushed(4);

        assertThat(xml).contains("<node type=\"virtual-machine-interface\" version=\"4\"><name>d:p:vmi1</name>")
                .contains("<display-name>vmi1</display-name>")
                .doesNotContain("@version");
    }

    @Test
    void writesNoVersionForAnObjectWithout() {
        assertThat(pushed(0)).contains("<node type=\"virtual-machine-interface\"><name>d:p:vmi1</name>");
    }
}
