package io.filament.schema.config;

/**
 * A record on the config topic that cannot be turned into a config object. Names the offending field and value;
 * the record changes no state and goes to the dead-letter topic with {@link #getMessage()} as the reason.
 */
public final class ConfigRecordRejected extends RuntimeException {

    private final String field;
    private final String value;

    public ConfigRecordRejected(String field, String value, String problem) {
        super(field + "=" + abbreviate(value) + ": " + problem);
        this.field = field;
        this.value = value;
    }

    public String field() {
        return field;
    }

    public String value() {
        return value;
    }

    private static String abbreviate(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= 120 ? value : value.substring(0, 117) + "...";
    }
}
