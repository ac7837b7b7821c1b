package io.filament.configapi.command;

import io.filament.contracts.config.ConfigType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The committed state of one object: its identity, version and canonical body (the object as GET returns it,
 * with forward refs {@code {to, uuid, attr}} but no hrefs, back-refs or children).
 */
public record StoredObject(ConfigType type, String uuid, List<String> fqName, Optional<String> parentUuid,
                           long version, ObjectNode body) {

    public StoredObject {
        fqName = List.copyOf(fqName);
    }

    public String name() {
        return fqName.getLast();
    }

    /** The refs of this object to {@code target}, in body order. */
    public List<RefLink> refsTo(ConfigType target) {
        JsonNode refs = body.get(target.underscored() + "_refs");
        List<RefLink> result = new ArrayList<>();
        if (refs != null && refs.isArray()) {
            for (JsonNode ref : refs) {
                result.add(RefLink.fromJson(target, ref));
            }
        }
        return result;
    }

    public Optional<String> stringProperty(String name) {
        JsonNode value = body.get(name);
        return value != null && value.isString() ? Optional.of(value.asString()) : Optional.empty();
    }
}
