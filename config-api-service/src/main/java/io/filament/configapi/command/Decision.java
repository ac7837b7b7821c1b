package io.filament.configapi.command;

import java.util.List;

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
}
