package io.filament.analytics.flow;

/** A flow record that does not follow the format; names the offending field and value. */
public final class FlowRecordRejected extends RuntimeException {

    private final String field;

    public FlowRecordRejected(String field, Object value, String reason) {
        super("flow record field '" + field + "' = " + value + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
