package io.filament.configapi.command;

import io.filament.configapi.error.BadRequestException;
import io.filament.configapi.error.NotFoundException;
import io.filament.configapi.error.PreconditionFailedException;
import io.filament.configapi.registry.Allocation;
import io.filament.configapi.registry.RefSpec;
import io.filament.configapi.registry.TypeDescriptor;
import io.filament.contracts.config.ConfigOperation;
import io.filament.contracts.config.ConfigType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Decides partial updates ({@code PUT}) and single-ref changes ({@code /ref-update}). */
final class UpdateDecider {

    /** Allocated by the system: a client may repeat the current value but not change it. */
    private static final Set<String> SYSTEM_FIELDS = Set.of("virtual_network_network_id", "security_group_id",
            "instance_ip_address", "instance_ip_family", "subnet_uuid", "floating_ip_address",
            "floating_ip_address_family", "routing_instance_is_default");

    private final DecisionContext ctx;

    UpdateDecider(DecisionContext ctx) {
        this.ctx = ctx;
    }

    static StoredObject existing(ConfigState state, ConfigType type, String uuid, OptionalLong expectedVersion) {
        StoredObject object = state.find(uuid).filter(o -> o.type() == type).orElseThrow(
                () -> new NotFoundException(type.dashed() + " with UUID " + uuid + " not found"));
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != object.version()) {
            throw new PreconditionFailedException("If-Match version " + expectedVersion.getAsLong()
                    + " does not match the current version " + object.version() + " of " + type.dashed() + " "
                    + uuid);
        }
        return object;
    }

    void update(ConfigType type, String uuid, ObjectNode input, OptionalLong expectedVersion) {
        update(existing(ctx.state, type, uuid, expectedVersion), input);
    }

    /** Applies {@code input} to exactly the state {@code current} that the caller read (one read per decision). */
    private void update(StoredObject current, ObjectNode input) {
        ConfigType type = current.type();
        String uuid = current.uuid();
        TypeDescriptor descriptor = ctx.registry.describe(type);
        input.propertyNames().forEach(f -> ObjectFields.classify(ctx.registry, descriptor, f));
        checkIdentity(current, input);
        for (String field : SYSTEM_FIELDS) {
            if (input.has(field) && !Objects.equals(input.get(field), current.body().get(field))) {
                throw new BadRequestException("Invalid field " + field + ": " + input.get(field)
                        + " cannot be changed (current value " + current.body().get(field) + ")");
            }
        }
        ObjectNode after = current.body().deepCopy();
        ObjectFields.apply(ctx.registry, descriptor, input, after, new RefResolver(ctx.state));
        for (String field : List.of("display_name", "perms2", "annotations")) {
            if (input.has(field)) {
                after.set(field, input.get(field).deepCopy());
            }
        }
        ObjectFields.requireRefs(descriptor, after);
        String ipamRefs = ConfigType.NETWORK_IPAM.underscored() + "_refs";
        if (descriptor.has(Allocation.IPAM_SUBNETS) && input.has(ipamRefs)) {
            var before = IpamSubnets.plans(current.body());
            IpamSubnets.normalize(after, before, ctx::newUuid);
            IpamSubnets.checkRemovals(before, IpamSubnets.plans(after), ctx.state);
        }
        List<String> changed = changedFields(current.body(), after, input.get("id_perms"));
        if (changed.isEmpty()) {
            return;
        }
        ctx.metadata.onUpdate(after, current.body(), input.get("id_perms"));
        ctx.changes.add(new ObjectChange(type, uuid, current.fqName(), ConfigOperation.UPDATED,
                current.version() + 1, changed, after, Optional.of(current.body())));
    }

    void updateRef(Command.UpdateRef command) {
        StoredObject current = existing(ctx.state, command.type(), command.uuid(), OptionalLong.empty());
        TypeDescriptor descriptor = ctx.registry.describe(command.type());
        RefSpec spec = descriptor.refs().get(command.refType());
        if (spec == null) {
            throw new BadRequestException(command.type().dashed() + " has no references of type "
                    + command.refType().dashed());
        }
        RefResolver resolver = new RefResolver(ctx.state);
        StoredObject target = resolver.lookup("ref-uuid", command.refType(), command.refUuid(), command.refFqName());
        ArrayNode refs = JsonNodeFactory.instance.arrayNode();
        boolean present = false;
        for (RefLink ref : current.refsTo(command.refType())) {
            if (!ref.uuid().equals(target.uuid())) {
                refs.add(ref.toJson());
            } else {
                present = true;
            }
        }
        if (command.operation() == Command.RefOperation.ADD) {
            Optional<JsonNode> attr = resolver.checkAttr("attr", spec, command.attr().orElse(null));
            refs.add(new RefLink(command.refType(), target.uuid(), target.fqName(), attr).toJson());
        } else if (!present) {
            throw new NotFoundException(command.type().dashed() + " " + command.uuid() + " has no reference to "
                    + command.refType().dashed() + " " + target.uuid());
        }
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.set(spec.field(), refs);
        update(current, input);
    }

    private static void checkIdentity(StoredObject current, ObjectNode input) {
        for (String field : List.of("uuid", "fq_name", "name", "parent_type", "parent_uuid")) {
            JsonNode wanted = input.get(field);
            if (wanted != null && !wanted.isNull() && !wanted.equals(current.body().get(field))) {
                throw new BadRequestException("Invalid field " + field + ": " + wanted + " cannot be changed (is "
                        + current.body().get(field) + ")");
            }
        }
    }

    private static List<String> changedFields(ObjectNode before, ObjectNode after, JsonNode requestedIdPerms) {
        Set<String> fields = new TreeSet<>(before.propertyNames());
        fields.addAll(after.propertyNames());
        List<String> changed = new ArrayList<>();
        for (String field : fields) {
            if (!field.equals("id_perms") && !Objects.equals(before.get(field), after.get(field))) {
                changed.add(field);
            }
        }
        if (requestedIdPerms != null && requestedIdPerms.isObject()) {
            for (String sub : requestedIdPerms.propertyNames()) {
                if (!Objects.equals(requestedIdPerms.get(sub), before.path("id_perms").get(sub))
                        && !Set.of("uuid", "created", "last_modified").contains(sub)) {
                    changed.add("id_perms");
                    break;
                }
            }
        }
        return changed;
    }
}
