package io.filament.agent.xmpp.wire;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An XML element as a value: name, attributes, text and child elements. Config properties and route entries
 * are read into this form first and interpreted afterwards, so the parser stays generic.
 */
public record XmlNode(String name, Map<String, String> attributes, String text, List<XmlNode> children) {

    public XmlNode {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
        text = text == null ? "" : text.strip();
    }

    public static XmlNode leaf(String name, String text) {
        return new XmlNode(name, Map.of(), text, List.of());
    }

    public Optional<XmlNode> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    public List<XmlNode> all(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    /** Text of the first child of that name, empty when absent. */
    public Optional<String> text(String childName) {
        return child(childName).map(XmlNode::text);
    }

    /** Follows a path of child names ({@code "id-perms", "uuid"}). */
    public Optional<XmlNode> path(String... names) {
        Optional<XmlNode> at = Optional.of(this);
        for (String n : names) {
            at = at.flatMap(x -> x.child(n));
        }
        return at;
    }

    public Optional<String> attribute(String attributeName) {
        return Optional.ofNullable(attributes.get(attributeName));
    }

    /** Writes this element (attributes in sorted order) with text and children escaped. */
    public void write(StringBuilder out) {
        out.append('<').append(name);
        attributes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(a -> out.append(' ').append(a.getKey()).append("=\"").append(Xml.escape(a.getValue())).append('"'));
        if (text.isEmpty() && children.isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>').append(Xml.escape(text));
        children.forEach(c -> c.write(out));
        out.append("</").append(name).append('>');
    }
}
