package io.filament.configapi.store;

import io.filament.configapi.command.StoredObject;
import io.filament.contracts.config.ConfigType;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A row of a type listing; its body is parsed only when a filter or a renderer needs it. */
public record ListedObject(ConfigType type, String uuid, List<String> fqName, Optional<String> parentUuid,
                           long version, String bodyJson) {

    public StoredObject parse(JsonMapper json) {
        return new StoredObject(type, uuid, fqName, parentUuid, version, (ObjectNode) json.readTree(bodyJson));
    }
}
