package io.filament.control.xmpp.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One decoded XML element of a stanza: local name, namespace URI, attributes by qualified name, child
 * elements in document order and the concatenated character data directly inside it.
 */
public record XmlElement(String name, String namespace, Map<String, String> attributes,
                         List<XmlElement> children, String text) {

    public XmlElement {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    public Optional<String> attribute(String qualifiedName) {
        return Optional.ofNullable(attributes.get(qualifiedName));
    }

    public Optional<XmlElement> child(String localName) {
        for (XmlElement c : children) {
            if (c.name.equals(localName)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public List<XmlElement> children(String localName) {
        List<XmlElement> out = new ArrayList<>();
        for (XmlElement c : children) {
            if (c.name.equals(localName)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Text of a direct child, stripped; empty when the child is absent. */
    public Optional<String> childText(String localName) {
        return child(localName).map(c -> c.text.strip());
    }

    /** Depth-first search for the first descendant (or self) with this local name. */
    public Optional<XmlElement> find(String localName) {
        if (name.equals(localName)) {
            return Optional.of(this);
        }
        for (XmlElement c : children) {
            Optional<XmlElement> hit = c.find(localName);
            if (hit.isPresent()) {
                return hit;
            }
        }
        return Optional.empty();
    }
}
