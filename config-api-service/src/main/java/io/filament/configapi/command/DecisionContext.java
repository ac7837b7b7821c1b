package io.filament.configapi.command;

import io.filament.configapi.registry.TypeRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** The scratchpad of one decision: the state it reads and the changes, claims and releases it collects. */
final class DecisionContext {

    final PendingState state;
    final TypeRegistry registry;
    final ObjectMetadata metadata;
    final Supplier<UUID> uuids;
    final List<ObjectChange> changes = new ArrayList<>();
    final List<Claim> claims = new ArrayList<>();
    final List<Claim> releases = new ArrayList<>();

    DecisionContext(ConfigState state, TypeRegistry registry, ObjectMetadata metadata, Supplier<UUID> uuids) {
        this.state = new PendingState(state);
        this.registry = registry;
        this.metadata = metadata;
        this.uuids = uuids;
    }

    String newUuid() {
        return uuids.get().toString();
    }

    Decision decision(String subjectUuid) {
        return new Decision(subjectUuid, changes, claims, releases);
    }
}
