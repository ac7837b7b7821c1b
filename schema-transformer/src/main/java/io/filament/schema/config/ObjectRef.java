package io.filament.schema.config;

import tools.jackson.databind.JsonNode;

/** A forward reference {@code <type>_refs: [{to, uuid, attr}]}; the attribute is a JSON null when absent. */
public record ObjectRef(String type, String uuid, FqName to, JsonNode attr) {

    public ConfigKey target() {
        return ConfigKey.of(type, uuid);
    }
}
