package io.filament.control.xmpp.wire;

import io.filament.control.config.ConfigGraph;
import io.filament.control.config.ConfigItem;
import io.filament.control.config.ConfigLink;
import io.filament.control.config.NodeKey;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * Writes config pushed to an agent, TF's IF-MAP-over-XMPP form:
 *
 * <pre>
 * &lt;iq type="set" from="network-control@…" to="default-global-system-config:&lt;host&gt;/config"&gt;
 *  &lt;config&gt;&lt;update&gt;                    (or &lt;delete&gt;: nodes with type and name only)
 *   &lt;node type="T"&gt;&lt;name&gt;fq:name&lt;/name&gt;…properties…&lt;/node&gt;
 *   &lt;link&gt;&lt;node type="A"&gt;&lt;name&gt;…&lt;/name&gt;&lt;/node&gt;&lt;node type="B"&gt;…&lt;/node&gt;&lt;metadata type="A-B"/&gt;&lt;/link&gt;
 *  &lt;/update&gt;&lt;/config&gt;&lt;/iq&gt;
 * </pre>
 *
 * A node of a config object carries the object's version as the attribute {@code version} (Filament's
 * addition; TF's agents ignore it), so that an agent can report which version it realised.
 * Properties are written from their JSON form: field names with '_' become element names with '-', a list
 * becomes repeated elements of its field's name, null fields are left out. At most 16 objects per iq.
 */
public final class ConfigMessageEncoder {

    public static final int MAX_OBJECTS = 16;

    private ConfigMessageEncoder() {
    }

    /** All items must be of one kind (all updates or all deletes). */
    public static void encode(StringBuilder out, String from, String to, List<ConfigItem> items) {
        if (items.isEmpty() || items.size() > MAX_OBJECTS) {
            throw new IllegalArgumentException("a config iq carries 1.." + MAX_OBJECTS + " objects, got " + items.size());
        }
        boolean delete = items.getFirst().delete();
        XmlWriter w = new XmlWriter(out);
        w.start("iq").attr("type", "set").attr("from", from).attr("to", to)
                .start("config").start(delete ? "delete" : "update");
        for (ConfigItem item : items) {
            if (item.delete() != delete) {
                throw new IllegalArgumentException("updates and deletes go in separate iqs");
            }
            switch (item) {
                case ConfigItem.NodeUpdate u -> node(w, u.key(), u.properties());
                case ConfigItem.NodeDelete d -> node(w, d.key(), Map.of());
                case ConfigItem.LinkUpdate u -> link(w, u.link());
                case ConfigItem.LinkDelete d -> link(w, d.link());
            }
        }
        w.end().end().end();
    }

    private static void node(XmlWriter w, NodeKey key, Map<String, JsonNode> properties) {
        w.start("node").attr("type", key.type());
        JsonNode version = properties.get(ConfigGraph.VERSION_PROPERTY);
        if (version != null) {
            w.attr("version", version.asString());
        }
        w.element("name", key.name());
        properties.forEach((name, value) -> {
            if (!name.equals(ConfigGraph.VERSION_PROPERTY)) {
                value(w, name.replace('_', '-'), value);
            }
        });
        w.end();
    }

    private static void link(XmlWriter w, ConfigLink link) {
        w.start("link");
        w.start("node").attr("type", link.left().type()).element("name", link.left().name()).end();
        w.start("node").attr("type", link.right().type()).element("name", link.right().name()).end();
        w.start("metadata").attr("type", link.metadata()).end();
        w.end();
    }

    private static void value(XmlWriter w, String element, JsonNode value) {
        if (value.isNull() || value.isMissingNode()) {
            return;
        }
        if (value.isArray()) {
            value.forEach(v -> value(w, element, v));
            return;
        }
        w.start(element);
        if (value.isObject()) {
            for (var field : value.properties()) {
                value(w, field.getKey().replace('_', '-'), field.getValue());
            }
        } else {
            w.text(value.asString());
        }
        w.end();
    }
}
