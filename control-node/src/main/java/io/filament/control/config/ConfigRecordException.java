package io.filament.control.config;

/** A config or desired-state record that cannot be used; names the record key, the field and the value. */
public final class ConfigRecordException extends RuntimeException {

    private final String key;
    private final String field;

    public ConfigRecordException(String key, String field, String value, String problem) {
        super(key + ": " + field + " '" + value + "': " + problem);
        this.key = key;
        this.field = field;
    }

    public String key() {
        return key;
    }

    public String field() {
        return field;
    }
}
