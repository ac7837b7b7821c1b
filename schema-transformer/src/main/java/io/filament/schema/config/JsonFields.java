package io.filament.schema.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Typed, validating reads of one JSON object; every failure names the full field path and the value found.
 */
final class JsonFields {

    private final JsonNode node;
    private final String path;

    JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
        if (!node.isObject()) {
            throw new ConfigRecordRejected(path.isEmpty() ? "value" : path, node.toString(), "expected a JSON object");
        }
    }

    String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private Optional<JsonNode> present(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    String requiredString(String field) {
        return optionalString(field)
                .orElseThrow(() -> new ConfigRecordRejected(path(field), "null", "required"));
    }

    Optional<String> optionalString(String field) {
        return present(field).map(value -> {
            if (!value.isString()) {
                throw new ConfigRecordRejected(path(field), value.toString(), "expected a string");
            }
            return value.stringValue();
        });
    }

    Optional<Long> optionalLong(String field, long min, long max) {
        return present(field).map(value -> {
            long number;
            if (value.isIntegralNumber() && value.canConvertToLong()) {
                number = value.longValue();
            } else if (value.isString() && value.stringValue().matches("-?\\d{1,18}")) {
                number = Long.parseLong(value.stringValue());
            } else {
                throw new ConfigRecordRejected(path(field), value.toString(), "expected an integer");
            }
            if (number < min || number > max) {
                throw new ConfigRecordRejected(path(field), Long.toString(number),
                        "out of range " + min + ".." + max);
            }
            return number;
        });
    }

    Optional<Integer> optionalInt(String field, int min, int max) {
        return optionalLong(field, min, max).map(Long::intValue);
    }

    Optional<Boolean> optionalBoolean(String field) {
        return present(field).map(value -> {
            if (!value.isBoolean()) {
                throw new ConfigRecordRejected(path(field), value.toString(), "expected true or false");
            }
            return value.booleanValue();
        });
    }

    Optional<JsonFields> optionalObject(String field) {
        return present(field).map(value -> new JsonFields(value, path(field)));
    }

    /** Elements of an array field (empty when absent); each element must be an object. */
    List<JsonFields> objects(String field) {
        List<JsonFields> result = new ArrayList<>();
        int index = 0;
        for (JsonNode element : array(field)) {
            result.add(new JsonFields(element, path(field) + "[" + index++ + "]"));
        }
        return result;
    }

    /** Elements of an array of strings (empty when absent). */
    List<String> strings(String field) {
        List<String> result = new ArrayList<>();
        int index = 0;
        for (JsonNode element : array(field)) {
            if (!element.isString()) {
                throw new ConfigRecordRejected(path(field) + "[" + index + "]", element.toString(), "expected a string");
            }
            result.add(element.stringValue());
            index++;
        }
        return result;
    }

    private List<JsonNode> array(String field) {
        Optional<JsonNode> value = present(field);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!value.get().isArray()) {
            throw new ConfigRecordRejected(path(field), value.get().toString(), "expected an array");
        }
        List<JsonNode> elements = new ArrayList<>();
        value.get().forEach(elements::add);
        return elements;
    }

    Iterable<String> fieldNames() {
        return node.propertyNames();
    }

    JsonNode raw(String field) {
        JsonNode value = node.get(field);
        return value == null ? tools.jackson.databind.node.NullNode.getInstance() : value;
    }
}
