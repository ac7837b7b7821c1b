package io.filament.contracts.status;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One struct of a status record (e.g. {@code VrouterAgent}): its attributes with TF's field names, and the
 * aggregation declared for some of them. An attribute set to JSON {@code null} removes the source's earlier
 * value of it.
 *
 * @param name       the struct name, e.g. {@code VrouterStatsAgent}
 * @param attributes attribute name to value; copied, never mutated
 * @param aggtypes   declared aggregation per attribute (absent = default by JSON type)
 */
public record StatusStruct(String name, ObjectNode attributes, Map<String, Aggregation> aggtypes) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public StatusStruct {
        if (name == null || name.isBlank()) {
            throw new InvalidStatusRecordException("data", name, "a struct needs a non-empty name");
        }
        if (attributes == null) {
            throw new InvalidStatusRecordException("data." + name, null, "a struct must be an object");
        }
        attributes = attributes.deepCopy();
        aggtypes = Map.copyOf(aggtypes);
    }

    /**
     * A struct from plain values (maps, lists, strings, numbers, booleans, records), converted to JSON.
     *
     * @throws InvalidStatusRecordException when the values do not form a JSON object
     */
    public static StatusStruct of(String name, Map<String, ?> attributes) {
        Object converted = JSON.valueToTree(attributes);
        if (!(converted instanceof ObjectNode node)) {
            throw new InvalidStatusRecordException("data." + name, attributes, "a struct must be an object");
        }
        return new StatusStruct(name, node, Map.of());
    }

    /** This struct with {@code attribute} declared as {@code aggregation}. */
    public StatusStruct declaring(String attribute, Aggregation aggregation) {
        Map<String, Aggregation> declared = new LinkedHashMap<>(aggtypes);
        declared.put(attribute, aggregation);
        return new StatusStruct(name, attributes, declared);
    }

    /** This struct with every attribute that holds a number or an object of numbers declared {@code sum}. */
    public StatusStruct countersSummed() {
        Map<String, Aggregation> declared = new LinkedHashMap<>(aggtypes);
        for (Map.Entry<String, tools.jackson.databind.JsonNode> attribute : attributes.properties()) {
            if (attribute.getValue().isNumber() || attribute.getValue().isObject()) {
                declared.put(attribute.getKey(), Aggregation.SUM);
            }
        }
        return new StatusStruct(name, attributes, declared);
    }
}
