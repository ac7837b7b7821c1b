package io.filament.configapi.outbox;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The objects whose commit this instance has under way, from before their outbox markers are written until the
 * commit has handed its events to the relay or failed. The relay's scan leaves the markers of these objects alone:
 * their events reach Kafka through the fast path, and the scan would only read them back from the log and project
 * them a second time. A commit that fails after its event went into the log leaves the event to the next scan.
 * Written by the command threads only.
 */
public final class CommitsUnderWay {

    private final ConcurrentHashMap<String, Integer> commits = new ConcurrentHashMap<>();

    public void begin(Collection<String> uuids) {
        uuids.forEach(uuid -> commits.merge(uuid, 1, Integer::sum));
    }

    public void end(Collection<String> uuids) {
        uuids.forEach(uuid -> commits.computeIfPresent(uuid, (u, n) -> n == 1 ? null : n - 1));
    }

    public boolean underWay(String uuid) {
        return commits.containsKey(uuid);
    }
}
