package io.filament.contracts.config;

import com.fasterxml.jackson.annotation.JsonValue;

/** What happened to a config object; the last segment of {@code ce_type}. */
public enum ConfigOperation {
    CREATED,
    UPDATED,
    DELETED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code io.filament.config.<type>.<operation>}. */
    public String cloudEventType(ConfigType type) {
        return CloudEventHeaders.TYPE_PREFIX + type.dashed() + "." + wireName();
    }
}
