package io.filament.agent.xmpp.wire;

/** A payload from a control node that does not follow TF's format; names the element and the value. */
public final class XmppWireException extends IllegalArgumentException {

    private final String element;
    private final String value;

    public XmppWireException(String element, String value, String problem) {
        super(element + " '" + value + "': " + problem);
        this.element = element;
        this.value = value;
    }

    public String element() {
        return element;
    }

    public String value() {
        return value;
    }
}
