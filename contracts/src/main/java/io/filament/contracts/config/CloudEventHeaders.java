package io.filament.contracts.config;

/** CloudEvents 1.0 Kafka binary-mode header names used on the config topics. */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String CONTENT_TYPE = "content-type";
    /** Extension attribute carrying the correlation id of the command that caused the event. */
    public static final String CORRELATION_ID = "correlationid";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";
    public static final String TYPE_PREFIX = "io.filament.config.";
    /** {@code ce_type} of the answer to a command that was refused. */
    public static final String COMMAND_REJECTED = "io.filament.config.command.rejected";

    private CloudEventHeaders() {
    }
}
