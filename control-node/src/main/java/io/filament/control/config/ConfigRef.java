package io.filament.control.config;

import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/** A forward reference of a config object: {@code <type>_refs: [{"to": [...], "uuid": …, "attr": {…}|null}]}. */
public record ConfigRef(String toType, List<String> to, String uuid, Optional<JsonNode> attr) {

    public ConfigRef {
        to = List.copyOf(to);
    }
}
