package io.filament.schema.config;

import java.util.Objects;

/**
 * Key of a snapshot on {@code filament.config.v1}: {@code <type>/<uuid>} with the type in dash form.
 */
public record ConfigKey(String type, String uuid) implements Comparable<ConfigKey> {

    public ConfigKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(uuid, "uuid");
    }

    public static ConfigKey of(String type, String uuid) {
        return new ConfigKey(type, uuid);
    }

    /** Parses {@code <type>/<uuid>}; both parts must be non-empty. */
    public static ConfigKey parse(String text) {
        if (text == null) {
            throw new ConfigRecordRejected("key", "null", "a config record needs a key <type>/<uuid>");
        }
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
            throw new ConfigRecordRejected("key", text, "expected <type>/<uuid>");
        }
        return new ConfigKey(text.substring(0, slash), text.substring(slash + 1));
    }

    @Override
    public int compareTo(ConfigKey other) {
        int byType = type.compareTo(other.type);
        return byType != 0 ? byType : uuid.compareTo(other.uuid);
    }

    @Override
    public String toString() {
        return type + "/" + uuid;
    }
}
