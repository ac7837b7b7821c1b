package io.filament.configapi.store;

import io.filament.configapi.command.ObjectChange;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Re-applies the ref additions and removals of a change onto a newer version of the same object. */
final class RefRebase {

    private RefRebase() {
    }

    static ObjectChange onto(ObjectChange change, long newestVersion, ObjectNode newest) {
        ObjectNode rebased = newest.deepCopy();
        ObjectNode before = change.previous().orElseThrow();
        for (String field : change.changedFields()) {
            if (!field.endsWith("_refs")) {
                continue;
            }
            Map<String, JsonNode> merged = byUuid(newest.get(field));
            Map<String, JsonNode> was = byUuid(before.get(field));
            Map<String, JsonNode> now = byUuid(change.object().get(field));
            was.keySet().stream().filter(u -> !now.containsKey(u)).forEach(merged::remove);
            now.forEach(merged::put);
            ArrayNode refs = rebased.arrayNode();
            merged.values().forEach(refs::add);
            if (refs.isEmpty()) {
                rebased.remove(field);
            } else {
                rebased.set(field, refs);
            }
        }
        rebased.set("id_perms", change.object().get("id_perms"));
        return new ObjectChange(change.type(), change.uuid(), change.fqName(), change.operation(),
                newestVersion + 1, change.changedFields(), rebased, Optional.of(newest));
    }

    private static Map<String, JsonNode> byUuid(JsonNode refs) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        if (refs != null && refs.isArray()) {
            refs.forEach(r -> map.put(r.get("uuid").asString(), r));
        }
        return map;
    }
}
