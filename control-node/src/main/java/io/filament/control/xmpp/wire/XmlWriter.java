package io.filament.control.xmpp.wire;

import java.util.ArrayDeque;

/**
 * Streaming XML writer into a reusable {@link StringBuilder}: tags, attributes and escaped text, no DOM.
 * Element names come from code, values from peers and config, so only values are escaped.
 */
public final class XmlWriter {

    private final StringBuilder out;
    private final ArrayDeque<String> stack = new ArrayDeque<>();
    private boolean tagOpen;

    public XmlWriter(StringBuilder out) {
        this.out = out;
    }

    public XmlWriter start(String name) {
        closeTag();
        out.append('<').append(name);
        stack.push(name);
        tagOpen = true;
        return this;
    }

    public XmlWriter attr(String name, String value) {
        if (!tagOpen) {
            throw new IllegalStateException("attribute " + name + " outside a start tag");
        }
        out.append(' ').append(name).append("=\"");
        escape(value, true);
        out.append('"');
        return this;
    }

    public XmlWriter text(String value) {
        closeTag();
        escape(value, false);
        return this;
    }

    public XmlWriter text(long value) {
        closeTag();
        out.append(value);
        return this;
    }

    /** {@code <name>value</name>}. */
    public XmlWriter element(String name, String value) {
        return start(name).text(value).end();
    }

    public XmlWriter element(String name, long value) {
        return start(name).text(value).end();
    }

    public XmlWriter end() {
        String name = stack.pop();
        if (tagOpen) {
            out.append("/>");
            tagOpen = false;
        } else {
            out.append("</").append(name).append('>');
        }
        return this;
    }

    private void closeTag() {
        if (tagOpen) {
            out.append('>');
            tagOpen = false;
        }
    }

    private void escape(String s, boolean attribute) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\'' -> out.append(attribute ? "&apos;" : "'");
                default -> out.append(c);
            }
        }
    }
}
