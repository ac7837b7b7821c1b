package io.filament.dataplane.io.tap;

/** A placement that names no valid namespace or interface name; nothing was created or changed. */
public final class InvalidPlacementException extends RuntimeException {

    private final String field;
    private final String value;

    public InvalidPlacementException(String field, String value, String reason) {
        super(field + "=" + value + ": " + reason);
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
