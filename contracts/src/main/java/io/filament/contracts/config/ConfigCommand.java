package io.filament.contracts.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * Value on {@code filament.config.commands.v1}. The body is exactly the REST body of the same operation:
 * {@code {"virtual-network": {...}}} for create and update, the {@code /ref-update} body for ref-update, absent for
 * delete. The correlation id travels in the {@code correlationid} header and comes back on the resulting event.
 *
 * @param operation create, update, delete or ref-update
 * @param type      TF type name in dash form
 * @param uuid      target object (absent on create unless the caller chooses the uuid)
 * @param body      the REST body
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigCommand(
        Operation operation,
        String type,
        String uuid,
        JsonNode body) {

    /** Kinds of command, wire names as in the enum constants' {@link #wireName()}. */
    public enum Operation {
        @JsonProperty("create") CREATE,
        @JsonProperty("update") UPDATE,
        @JsonProperty("delete") DELETE,
        @JsonProperty("ref-update") REF_UPDATE;

        public String wireName() {
            return switch (this) {
                case CREATE -> "create";
                case UPDATE -> "update";
                case DELETE -> "delete";
                case REF_UPDATE -> "ref-update";
            };
        }
    }
}
