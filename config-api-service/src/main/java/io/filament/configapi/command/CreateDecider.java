package io.filament.configapi.command;

import io.filament.configapi.error.BadRequestException;
import io.filament.configapi.error.ConflictException;
import io.filament.configapi.error.NotFoundException;
import io.filament.configapi.registry.Allocation;
import io.filament.configapi.registry.TypeDescriptor;
import io.filament.contracts.config.ConfigOperation;
import io.filament.contracts.config.ConfigType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Decides the creation of one object, and of the objects TF's API server creates along with it. */
final class CreateDecider {

    private final DecisionContext ctx;
    private final Allocations allocations;

    CreateDecider(DecisionContext ctx) {
        this.ctx = ctx;
        this.allocations = new Allocations(ctx);
    }

    StoredObject create(ConfigType type, ObjectNode input) {
        TypeDescriptor descriptor = ctx.registry.describe(type);
        input.propertyNames().forEach(f -> ObjectFields.classify(ctx.registry, descriptor, f));
        String uuid = uuidOf(input);
        long version = ObjectFields.text(input, "uuid").isPresent() ? ctx.state.firstVersion(uuid) : 1;
        List<String> fqName = fqNameOf(descriptor, input, uuid);
        Optional<StoredObject> parent = parentOf(descriptor, input, fqName);
        boolean selfNamed = fqName.equals(List.of(uuid));
        if (!selfNamed) {
            ctx.state.find(type, fqName).ifPresent(existing -> {
                throw new ConflictException(fqName + " already exists with uuid: " + existing.uuid());
            });
        }

        ObjectNode object = input.objectNode();
        object.put("uuid", uuid);
        var fq = object.putArray("fq_name");
        fqName.forEach(fq::add);
        object.put("name", fqName.getLast());
        object.put("display_name", ObjectFields.text(input, "display_name").orElse(fqName.getLast()));
        object.put("parent_type", parent.map(p -> p.type().dashed()).orElse(ConfigType.CONFIG_ROOT.dashed()));
        parent.ifPresent(p -> object.put("parent_uuid", p.uuid()));
        descriptor.defaults().forEach((field, value) -> object.set(field, value.deepCopy()));
        for (String field : List.of("id_perms", "perms2", "annotations")) {
            JsonNode value = input.get(field);
            if (value != null && !value.isNull()) {
                if (!value.isObject()) {
                    throw new BadRequestException("Invalid value for " + field + ": " + value
                            + " (expected a JSON object)");
                }
                object.set(field, value.deepCopy());
            }
        }
        ObjectFields.apply(ctx.registry, descriptor, input, object, new RefResolver(ctx.state));
        ObjectFields.requireRefs(descriptor, object);
        ctx.metadata.onCreate(object, uuid);
        allocations.beforeCreate(descriptor, input, object, parent);

        StoredObject created = new StoredObject(type, uuid, fqName, parent.map(StoredObject::uuid), version, object);
        ctx.state.add(created);
        ctx.claims.add(new Claim.FqName(type, String.join(":", fqName), uuid));
        ctx.changes.add(new ObjectChange(type, uuid, fqName, ConfigOperation.CREATED, version,
                new ArrayList<>(object.propertyNames()), object, Optional.empty()));
        allocations.afterCreate(descriptor, created, this);
        return created;
    }

    private String uuidOf(ObjectNode input) {
        Optional<String> given = ObjectFields.text(input, "uuid");
        if (given.isEmpty()) {
            return ctx.newUuid();
        }
        String uuid;
        try {
            uuid = UUID.fromString(given.get()).toString();
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("Invalid uuid: '" + given.get() + "' is not a UUID");
        }
        if (!uuid.equals(given.get().toLowerCase(java.util.Locale.ROOT))) {
            throw new BadRequestException("Invalid uuid: '" + given.get() + "' is not in canonical UUID form");
        }
        ctx.state.find(uuid).ifPresent(existing -> {
            throw new ConflictException("UUID " + uuid + " already exists with fq_name " + existing.fqName());
        });
        return uuid;
    }

    private List<String> fqNameOf(TypeDescriptor descriptor, ObjectNode input, String uuid) {
        Optional<List<String>> given = RefResolver.fqName("fq_name", input.get("fq_name"));
        if (given.isPresent()) {
            ObjectFields.text(input, "name").filter(n -> !n.equals(given.get().getLast())).ifPresent(n -> {
                throw new BadRequestException("name '" + n + "' does not match fq_name " + given.get());
            });
            return given.get();
        }
        if (descriptor.parents().contains(ConfigType.CONFIG_ROOT)) {
            return List.of(ObjectFields.text(input, "name").orElse(uuid));
        }
        throw new BadRequestException("fq_name is mandatory for " + descriptor.type().dashed());
    }

    private Optional<StoredObject> parentOf(TypeDescriptor descriptor, ObjectNode input, List<String> fqName) {
        Optional<String> parentType = ObjectFields.text(input, "parent_type");
        if (fqName.size() == 1) {
            if (!descriptor.parents().contains(ConfigType.CONFIG_ROOT)) {
                throw new BadRequestException("fq_name " + fqName + " of " + descriptor.type().dashed()
                        + " needs a parent of type " + names(descriptor.parents()));
            }
            parentType.filter(p -> !p.equals(ConfigType.CONFIG_ROOT.dashed())).ifPresent(p -> {
                throw new BadRequestException("Invalid parent_type " + p + " for " + descriptor.type().dashed()
                        + " with fq_name " + fqName + " (expected config-root)");
            });
            return Optional.empty();
        }
        List<ConfigType> allowed = descriptor.parents().stream().filter(t -> t != ConfigType.CONFIG_ROOT)
                .toList();
        List<ConfigType> candidates = parentType.isEmpty() ? allowed : List.of(ConfigType.fromDashed(
                parentType.get()).filter(allowed::contains).orElseThrow(() -> new BadRequestException(
                "Invalid parent_type " + parentType.get() + " for " + descriptor.type().dashed() + " (allowed: "
                        + names(descriptor.parents()) + ")")));
        List<String> parentName = fqName.subList(0, fqName.size() - 1);
        StoredObject parent = candidates.stream().map(t -> ctx.state.find(t, parentName)).flatMap(Optional::stream)
                .findFirst().orElseThrow(() -> new NotFoundException("Parent " + parentName + " of type "
                        + names(candidates) + " not found"));
        ObjectFields.text(input, "parent_uuid").filter(u -> !u.equals(parent.uuid())).ifPresent(u -> {
            throw new BadRequestException("parent_uuid " + u + " does not match the parent " + parentName
                    + " (" + parent.uuid() + ")");
        });
        return Optional.of(parent);
    }

    private static String names(List<ConfigType> types) {
        return String.join(" or ", types.stream().map(ConfigType::dashed).toList());
    }
}
