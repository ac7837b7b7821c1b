package io.filament.configapi.command;

import io.filament.configapi.error.ConflictException;
import io.filament.configapi.registry.Allocation;
import io.filament.contracts.config.ConfigOperation;
import io.filament.contracts.config.ConfigType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decides deletes: refused (409) while non-derived children or back-references remain; the derived children (the
 * network's default routing instance, the project's default security group) go along with their parent.
 */
final class DeleteDecider {

    private final DecisionContext ctx;
    private final Allocations allocations;

    DeleteDecider(DecisionContext ctx) {
        this.ctx = ctx;
        this.allocations = new Allocations(ctx);
    }

    void delete(ConfigType type, String uuid, OptionalLong expectedVersion) {
        StoredObject object = UpdateDecider.existing(ctx.state, type, uuid, expectedVersion);
        List<StoredObject> derived = new ArrayList<>();
        List<String> blocking = new ArrayList<>();
        for (RefLink child : ctx.state.children(uuid)) {
            Optional<StoredObject> loaded = ctx.state.find(child.uuid());
            if (loaded.isPresent() && isDerived(object, loaded.get())) {
                derived.add(loaded.get());
            } else {
                blocking.add(child.type().dashed() + " " + child.fqNameString());
            }
        }
        if (!blocking.isEmpty()) {
            throw new ConflictException("Delete when children still present: " + blocking);
        }
        List<String> referrers = new ArrayList<>(referrers(uuid));
        derived.forEach(d -> referrers(d.uuid()).stream().filter(r -> !referrers.contains(r)).forEach(referrers::add));
        if (!referrers.isEmpty()) {
            throw new ConflictException("Delete when resource still referred: " + referrers);
        }
        record(object);
        derived.forEach(this::record);
        if (ctx.registry.describe(type).has(Allocation.VROUTER_BINDING)) {
            allocations.unbindVirtualRouter(object);
        }
    }

    private List<String> referrers(String uuid) {
        return ctx.state.backRefs(uuid).stream().map(l -> l.type().dashed() + " " + l.fqNameString()).distinct()
                .toList();
    }

    private void record(StoredObject object) {
        ctx.changes.add(new ObjectChange(object.type(), object.uuid(), object.fqName(), ConfigOperation.DELETED,
                object.version() + 1, new ArrayList<>(object.body().propertyNames()), object.body(),
                Optional.of(object.body())));
        allocations.releases(object);
    }

    private static boolean isDerived(StoredObject parent, StoredObject child) {
        boolean defaultInstance = parent.type() == ConfigType.VIRTUAL_NETWORK
                && child.type() == ConfigType.ROUTING_INSTANCE
                && child.body().path("routing_instance_is_default").asBoolean(false);
        boolean defaultGroup = parent.type() == ConfigType.PROJECT && child.type() == ConfigType.SECURITY_GROUP
                && child.name().equals(DefaultSecurityGroup.NAME);
        return defaultInstance || defaultGroup;
    }
}
