package io.filament.configapi.registry;

import tools.jackson.databind.JsonNode;

/** Checks one JSON value at {@code path}; throws a 400 naming the path and the value when it is invalid. */
@FunctionalInterface
public interface PropertyValidator {

    void validate(String path, JsonNode value);
}
