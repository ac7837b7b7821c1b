package io.filament.agent.port;

/** A port request field that is missing or malformed; names the field and the value. Changes no state. */
public final class InvalidPortException extends IllegalArgumentException {

    private final String field;
    private final String value;

    public InvalidPortException(String field, String value, String problem) {
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
