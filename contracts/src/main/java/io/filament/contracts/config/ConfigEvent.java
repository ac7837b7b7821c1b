package io.filament.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Value on {@code filament.config.events.v1}: one accepted change of one object.
 *
 * @param type          TF type name in dash form
 * @param uuid          object uuid
 * @param version       object version after the change
 * @param operation     created, updated or deleted
 * @param changedFields top-level fields whose value changed (all fields on create and delete)
 * @param object        full snapshot after the change (before it, for a delete)
 */
public record ConfigEvent(
        String type,
        String uuid,
        long version,
        ConfigOperation operation,
        @JsonProperty("changed_fields") List<String> changedFields,
        JsonNode object) {

    public ConfigEvent {
        changedFields = List.copyOf(changedFields);
    }
}
