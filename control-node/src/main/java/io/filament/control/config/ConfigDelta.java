package io.filament.control.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What turns the subgraph an agent holds into the one it is owed: new or changed nodes, then new links
 * (a link after both its ends); removed links, then removed nodes.
 */
public final class ConfigDelta {

    private ConfigDelta() {
    }

    public static List<ConfigItem> between(ConfigSubgraph held, ConfigSubgraph owed) {
        List<ConfigItem> out = new ArrayList<>();
        for (Map.Entry<NodeKey, ?> e : owed.nodes().entrySet()) {
            var before = held.nodes().get(e.getKey());
            var after = owed.nodes().get(e.getKey());
            if (!after.equals(before)) {
                out.add(new ConfigItem.NodeUpdate(e.getKey(), after));
            }
        }
        for (ConfigLink link : owed.links()) {
            if (!held.links().contains(link)) {
                out.add(new ConfigItem.LinkUpdate(link));
            }
        }
        for (ConfigLink link : held.links()) {
            if (!owed.links().contains(link)) {
                out.add(new ConfigItem.LinkDelete(link));
            }
        }
        for (NodeKey key : held.nodes().keySet()) {
            if (!owed.nodes().containsKey(key)) {
                out.add(new ConfigItem.NodeDelete(key));
            }
        }
        return out;
    }
}
