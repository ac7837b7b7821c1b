package io.filament.configapi.command;

import io.filament.contracts.config.ConfigOperation;
import java.util.List;
import java.util.Optional;

/**
 * What a command decided: the events to append (the first is the object the command addressed) and the
 * unique resources to claim before and to release after committing them. An empty list of changes means the
 * command was accepted and changed nothing.
 */
public record Decision(String subjectUuid, List<ObjectChange> changes, List<Claim> claims, List<Claim> releases) {

    public Decision {
        changes = List.copyOf(changes);
        claims = List.copyOf(claims);
        releases = List.copyOf(releases);
    }

    /**
     * The addressed object as this decision leaves it (what a read right after the commit returns, unless somebody
     * changed it meanwhile); empty when the decision changed nothing or deleted it.
     */
    public Optional<StoredObject> subject() {
        if (changes.isEmpty() || !changes.getFirst().uuid().equals(subjectUuid)
                || changes.getFirst().operation() == ConfigOperation.DELETED) {
            return Optional.empty();
        }
        ObjectChange change = changes.getFirst();
        return Optional.of(new StoredObject(change.type(), change.uuid(), change.fqName(),
                Optional.ofNullable(change.object().path("parent_uuid").asString(null)), change.version(),
                change.object()));
    }
}
