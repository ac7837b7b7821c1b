package io.filament.contracts.xmpp;

/**
 * A TF XMPP payload field that does not satisfy the protocol; names the field and the offending value.
 */
public final class XmppPayloadException extends IllegalArgumentException {

    private final String field;
    private final String value;

    public XmppPayloadException(String field, String value, String problem) {
        super(field + " '" + value + "': " + problem);
        this.field = field;
        this.value = value;
    }

    public String field() {
        return field;
    }

    public String value() {
        return value;
    }
}
