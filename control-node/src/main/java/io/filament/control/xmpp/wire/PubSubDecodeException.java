package io.filament.control.xmpp.wire;

/** A pub/sub iq whose structure is wrong; names the element or attribute and the value found. */
public final class PubSubDecodeException extends Exception {

    private final String field;
    private final String value;

    public PubSubDecodeException(String field, String value, String problem) {
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
