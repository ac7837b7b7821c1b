package io.filament.configapi.command;

import io.filament.contracts.config.ConfigType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One end of a link between objects: a forward ref ({@code type} = target), a back-ref or a child
 * ({@code type} = the other object's type).
 */
public record RefLink(ConfigType type, String uuid, List<String> fqName, Optional<JsonNode> attr) {

    public RefLink {
        fqName = List.copyOf(fqName);
    }

    static RefLink fromJson(ConfigType type, JsonNode ref) {
        List<String> to = new ArrayList<>();
        ref.get("to").forEach(part -> to.add(part.asString()));
        JsonNode attr = ref.get("attr");
        return new RefLink(type, ref.get("uuid").asString(), to,
                attr == null || attr.isNull() ? Optional.empty() : Optional.of(attr));
    }

    /** Canonical form {@code {"to": [...], "uuid": "...", "attr": {...}|null}}. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        var to = json.putArray("to");
        fqName.forEach(to::add);
        json.put("uuid", uuid);
        json.set("attr", attr.orElse(JsonNodeFactory.instance.nullNode()));
        return json;
    }

    public String fqNameString() {
        return String.join(":", fqName);
    }
}
