package io.filament.analytics.status;

import java.util.Map;

import io.filament.contracts.status.Aggregation;
import tools.jackson.databind.node.ObjectNode;

/**
 * One source's contribution to one struct of a UVE (e.g. {@code VrouterAgent} of {@code ObjectVRouter:host1}).
 *
 * @param time       microseconds since the epoch at which the source reported it
 * @param attributes the attributes; never mutated after construction
 * @param aggtypes   declared aggregation per attribute name (absent = default by JSON type)
 */
public record StructPart(long time, ObjectNode attributes, Map<String, Aggregation> aggtypes) {

    public StructPart {
        attributes = attributes.deepCopy();
        aggtypes = Map.copyOf(aggtypes);
    }
}
