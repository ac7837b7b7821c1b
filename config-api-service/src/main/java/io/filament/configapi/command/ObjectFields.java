package io.filament.configapi.command;

import io.filament.configapi.error.BadRequestException;
import io.filament.configapi.registry.PropertyValidator;
import io.filament.configapi.registry.RefSpec;
import io.filament.configapi.registry.TypeDescriptor;
import io.filament.configapi.registry.TypeRegistry;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Sorts the fields of a request body into common fields, properties, refs and read-only output fields. */
final class ObjectFields {

    private ObjectFields() {
    }

    enum Kind { COMMON, PROPERTY, REF, READ_ONLY }

    static Kind classify(TypeRegistry registry, TypeDescriptor descriptor, String field) {
        if (TypeRegistry.COMMON_FIELDS.contains(field)) {
            return Kind.COMMON;
        }
        if (descriptor.properties().containsKey(field)) {
            return Kind.PROPERTY;
        }
        if (descriptor.refByField(field).isPresent()) {
            return Kind.REF;
        }
        boolean child = registry.childTypes(descriptor.type()).stream()
                .anyMatch(c -> TypeRegistry.childrenField(c).equals(field));
        if (field.equals("href") || field.equals("parent_href") || field.endsWith("_back_refs") || child) {
            return Kind.READ_ONLY;
        }
        throw new BadRequestException("Unknown field '" + field + "' for " + descriptor.type().dashed());
    }

    /** Validates and copies properties and refs of {@code input} onto {@code target}; null removes a field. */
    static void apply(TypeRegistry registry, TypeDescriptor descriptor, ObjectNode input, ObjectNode target,
                      RefResolver refs) {
        for (String field : input.propertyNames()) {
            JsonNode value = input.get(field);
            switch (classify(registry, descriptor, field)) {
                case PROPERTY -> {
                    PropertyValidator validator = descriptor.properties().get(field);
                    if (value.isNull()) {
                        target.remove(field);
                    } else {
                        validator.validate(field, value);
                        target.set(field, value.deepCopy());
                    }
                }
                case REF -> {
                    RefSpec spec = descriptor.refByField(field).orElseThrow();
                    if (value.isNull() || (value.isArray() && value.isEmpty())) {
                        target.remove(field);
                    } else {
                        target.set(field, refs.resolveAll(field, spec, value));
                    }
                }
                case COMMON, READ_ONLY -> {
                }
            }
        }
    }

    static void requireRefs(TypeDescriptor descriptor, ObjectNode object) {
        for (RefSpec spec : descriptor.refs().values()) {
            JsonNode refs = object.get(spec.field());
            if (spec.required() && (refs == null || refs.isEmpty())) {
                throw new BadRequestException(descriptor.type().dashed() + " needs at least one "
                        + spec.target().dashed() + " reference in " + spec.field());
            }
        }
    }

    static Optional<String> text(ObjectNode input, String field) {
        return RefResolver.text(field, input.get(field));
    }
}
