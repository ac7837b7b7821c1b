package io.filament.configapi.command;

import io.filament.configapi.error.BadRequestException;
import io.filament.configapi.error.NotFoundException;
import io.filament.configapi.registry.RefSpec;
import io.filament.contracts.config.ConfigType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Turns refs as clients write them ({@code to} and/or {@code uuid}, optional attr) into canonical refs. */
final class RefResolver {

    private final ConfigState state;

    RefResolver(ConfigState state) {
        this.state = state;
    }

    ArrayNode resolveAll(String field, RefSpec spec, JsonNode refs) {
        if (!refs.isArray()) {
            throw new BadRequestException("Invalid value for " + field + ": " + refs + " (expected a JSON list)");
        }
        ArrayNode resolved = JsonNodeFactory.instance.arrayNode();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            RefLink link = resolve(field + "[" + i + "]", spec, refs.get(i));
            if (seen.contains(link.uuid())) {
                throw new BadRequestException("Duplicate reference in " + field + " to " + link.uuid());
            }
            seen.add(link.uuid());
            resolved.add(link.toJson());
        }
        return resolved;
    }

    RefLink resolve(String path, RefSpec spec, JsonNode ref) {
        if (!ref.isObject()) {
            throw new BadRequestException("Invalid value for " + path + ": " + ref + " (expected {to, uuid, attr})");
        }
        StoredObject target = lookup(path, spec.target(), text(path + ".uuid", ref.get("uuid")),
                fqName(path + ".to", ref.get("to")));
        JsonNode attr = ref.get("attr");
        Optional<JsonNode> checkedAttr = checkAttr(path + ".attr", spec, attr);
        return new RefLink(spec.target(), target.uuid(), target.fqName(), checkedAttr);
    }

    Optional<JsonNode> checkAttr(String path, RefSpec spec, JsonNode attr) {
        if (attr == null || attr.isNull() || (attr.isObject() && attr.isEmpty() && spec.attr().isEmpty())) {
            return Optional.empty();
        }
        if (spec.attr().isEmpty()) {
            throw new BadRequestException("Invalid value for " + path + ": " + attr + " (a "
                    + spec.target().dashed() + " reference carries no attribute)");
        }
        spec.attr().get().validate(path, attr);
        return Optional.of(attr.deepCopy());
    }

    StoredObject lookup(String path, ConfigType type, Optional<String> uuid, Optional<List<String>> fqName) {
        if (uuid.isPresent()) {
            StoredObject target = state.find(uuid.get()).filter(o -> o.type() == type)
                    .orElseThrow(() -> new NotFoundException("Reference " + path + ": " + type.dashed()
                            + " with UUID " + uuid.get() + " not found"));
            if (fqName.isPresent() && !fqName.get().equals(target.fqName())) {
                throw new BadRequestException("Reference " + path + ": fq_name " + fqName.get()
                        + " does not match UUID " + uuid.get() + " (" + target.fqName() + ")");
            }
            return target;
        }
        List<String> name = fqName.orElseThrow(() -> new BadRequestException(
                "Reference " + path + " needs a 'to' fq_name or a 'uuid'"));
        return state.find(type, name).orElseThrow(() -> new NotFoundException(
                "Reference " + path + ": " + type.dashed() + " " + name + " not found"));
    }

    static Optional<String> text(String path, JsonNode value) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            throw new BadRequestException("Invalid value for " + path + ": " + value + " (expected a string)");
        }
        return Optional.of(value.asString());
    }

    static Optional<List<String>> fqName(String path, JsonNode value) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isArray() || value.isEmpty()) {
            throw new BadRequestException("Invalid value for " + path + ": " + value
                    + " (expected a non-empty list of strings)");
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode part : value) {
            if (!part.isString() || part.asString().isEmpty()) {
                throw new BadRequestException("Invalid value for " + path + ": " + value
                        + " (expected a non-empty list of non-empty strings)");
            }
            parts.add(part.asString());
        }
        return Optional.of(parts);
    }
}
