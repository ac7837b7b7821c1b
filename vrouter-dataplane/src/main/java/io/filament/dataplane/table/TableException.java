package io.filament.dataplane.table;

/** A table change that was refused; names the field and value at fault. Nothing was changed. */
public final class TableException extends RuntimeException {

    private final String field;
    private final String value;

    public TableException(String field, Object value, String reason) {
        super(field + "=" + value + ": " + reason);
        this.field = field;
        this.value = String.valueOf(value);
    }

    public String field() {
        return field;
    }

    public String value() {
        return value;
    }
}
