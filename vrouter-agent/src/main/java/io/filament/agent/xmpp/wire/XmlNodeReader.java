package io.filament.agent.xmpp.wire;

import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the element the parser stands on (a START_ELEMENT) and everything inside it into an {@link XmlNode},
 * leaving the parser on its END_ELEMENT. Depth and children are bounded: the limits guard the agent against
 * a runaway peer.
 */
public final class XmlNodeReader {

    public static final int MAX_DEPTH = 32;
    public static final int MAX_CHILDREN = 4096;

    private XmlNodeReader() {
    }

    public static XmlNode read(XmlPullParser parser) throws XmlPullParserException, IOException {
        return read(parser, 0);
    }

    private static XmlNode read(XmlPullParser parser, int depth) throws XmlPullParserException, IOException {
        if (depth > MAX_DEPTH) {
            throw new XmppWireException(parser.getName(), "depth " + depth, "nested deeper than " + MAX_DEPTH);
        }
        String name = parser.getName();
        Map<String, String> attributes = new HashMap<>();
        for (int i = 0; i < parser.getAttributeCount(); i++) {
            attributes.put(parser.getAttributeName(i), parser.getAttributeValue(i));
        }
        StringBuilder text = new StringBuilder();
        List<XmlNode> children = new ArrayList<>();
        while (true) {
            switch (parser.next()) {
                case START_ELEMENT -> {
                    if (children.size() == MAX_CHILDREN) {
                        throw new XmppWireException(name, children.size() + " children", "more than " + MAX_CHILDREN);
                    }
                    children.add(read(parser, depth + 1));
                }
                case TEXT_CHARACTERS -> text.append(parser.getText());
                case END_ELEMENT -> {
                    return new XmlNode(name, attributes, text.toString(), children);
                }
                case END_DOCUMENT -> throw new XmppWireException(name, "", "document ended inside the element");
                default -> {
                }
            }
        }
    }
}
