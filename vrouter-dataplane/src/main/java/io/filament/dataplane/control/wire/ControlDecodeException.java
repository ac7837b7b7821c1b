package io.filament.dataplane.control.wire;

/** A control-socket frame that does not decode; names the field and the value found. */
public final class ControlDecodeException extends RuntimeException {

    private final String field;

    public ControlDecodeException(String field, Object value, String reason) {
        super(field + "=" + value + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
