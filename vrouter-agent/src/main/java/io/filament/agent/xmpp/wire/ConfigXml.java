package io.filament.agent.xmpp.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Interprets the children of {@code <config>}:
 *
 * <pre>
 * &lt;update&gt;                                          (or &lt;delete&gt;: nodes carry type and name only)
 *   &lt;node type="T"&gt;&lt;name&gt;fq:name&lt;/name&gt;…properties…&lt;/node&gt;
 *   &lt;link&gt;&lt;node type="A"&gt;&lt;name&gt;…&lt;/name&gt;&lt;/node&gt;&lt;node type="B"&gt;…&lt;/node&gt;&lt;metadata type="A-B"/&gt;&lt;/link&gt;
 * &lt;/update&gt;
 * </pre>
 */
public final class ConfigXml {

    public static final int MAX_OBJECTS_PER_IQ = 16;

    private ConfigXml() {
    }

    public static List<ConfigItem> readItems(XmlNode config) {
        List<ConfigItem> items = new ArrayList<>();
        for (XmlNode section : config.children()) {
            boolean delete = switch (section.name()) {
                case "update" -> false;
                case "delete" -> true;
                default -> throw new XmppWireException("config/" + section.name(), "", "expected update or delete");
            };
            for (XmlNode object : section.children()) {
                items.add(switch (object.name()) {
                    case "node" -> delete ? new ConfigItem.NodeDelete(key(object)) : new ConfigItem.NodeUpdate(key(object), object);
                    case "link" -> delete ? new ConfigItem.LinkDelete(link(object)) : new ConfigItem.LinkUpdate(link(object));
                    default -> throw new XmppWireException("config/" + section.name() + "/" + object.name(), "",
                            "expected node or link");
                });
            }
        }
        if (items.size() > MAX_OBJECTS_PER_IQ * 4) {
            throw new XmppWireException("config", items.size() + " objects", "far more than TF's 16 per iq");
        }
        return items;
    }

    private static ConfigNodeKey key(XmlNode node) {
        return new ConfigNodeKey(node.attribute("type").orElse(""), node.text("name").orElse(""));
    }

    private static ConfigItem.Link link(XmlNode link) {
        List<XmlNode> ends = link.all("node");
        if (ends.size() != 2) {
            throw new XmppWireException("link/node", ends.size() + " nodes", "a link joins exactly two nodes");
        }
        String metadata = link.child("metadata").flatMap(m -> m.attribute("type"))
                .orElseThrow(() -> new XmppWireException("link/metadata/@type", "", "missing"));
        return new ConfigItem.Link(metadata, key(ends.get(0)), key(ends.get(1)));
    }

    public static void writeItems(StringBuilder out, List<ConfigItem> items) {
        boolean delete = !items.isEmpty() && (items.getFirst() instanceof ConfigItem.NodeDelete
                || items.getFirst() instanceof ConfigItem.LinkDelete);
        out.append(delete ? "<delete>" : "<update>");
        for (ConfigItem item : items) {
            switch (item) {
                case ConfigItem.NodeUpdate u -> u.properties().write(out);
                case ConfigItem.NodeDelete d -> nodeRef(d.key()).write(out);
                case ConfigItem.LinkUpdate u -> linkNode(u.link()).write(out);
                case ConfigItem.LinkDelete d -> linkNode(d.link()).write(out);
            }
        }
        out.append(delete ? "</delete>" : "</update>");
    }

    private static XmlNode nodeRef(ConfigNodeKey key) {
        return new XmlNode("node", Map.of("type", key.type()), "", List.of(XmlNode.leaf("name", key.name())));
    }

    private static XmlNode linkNode(ConfigItem.Link link) {
        return new XmlNode("link", Map.of(), "", List.of(nodeRef(link.left()), nodeRef(link.right()),
                new XmlNode("metadata", Map.of("type", link.metadata()), "", List.of())));
    }
}
