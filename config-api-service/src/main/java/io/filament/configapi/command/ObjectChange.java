package io.filament.configapi.command;

import io.filament.contracts.config.ConfigOperation;
import io.filament.contracts.config.ConfigType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * An event: one object changed to {@code version}. {@code object} is the state after the change (for a delete,
 * the last state); {@code previous} the state before (empty on create), from which the store derives its index
 * updates (children, back-refs).
 */
public record ObjectChange(ConfigType type, String uuid, List<String> fqName, ConfigOperation operation,
                           long version, List<String> changedFields, ObjectNode object,
                           Optional<ObjectNode> previous) {

    public ObjectChange {
        fqName = List.copyOf(fqName);
        changedFields = List.copyOf(changedFields);
        if (object.has("fq_name")) {
            List<String> inObject = new ArrayList<>();
            object.get("fq_name").forEach(part -> inObject.add(part.asString()));
            if (!inObject.equals(fqName)) {
                throw new IllegalStateException(type.dashed() + " " + uuid + " v" + version + ": event name " + fqName
                        + " differs from the object's fq_name " + inObject);
            }
        }
    }
}
