package io.filament.contracts.status;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What reading a status or flow record body shares: the JSON object itself and its required text fields. */
final class RecordBodies {

    private RecordBodies() {
    }

    /** The body as a JSON object, or an {@link InvalidStatusRecordException} on field {@code value}. */
    static JsonNode object(JsonMapper json, byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            if (root == null || !root.isObject()) {
                throw new InvalidStatusRecordException("value", "not an object", "the body must be a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            throw new InvalidStatusRecordException("value", "unparseable", "not JSON: " + e.getOriginalMessage());
        }
    }

    /** A required, non-blank string field. */
    static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isString() || node.stringValue().isBlank()) {
            throw new InvalidStatusRecordException(field, node, "must be a non-empty string");
        }
        return node.stringValue();
    }
}
