package io.filament.analytics.status;

/** A status record that does not follow the format; names the offending field and value. */
public final class StatusRecordRejected extends RuntimeException {

    private final String field;

    public StatusRecordRejected(String field, Object value, String reason) {
        super("status record field '" + field + "' = " + value + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
