package io.filament.configapi.outbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last version the relay saw acknowledged per object, for the objects it published most recently, so that the
 * fast path need not read {@code relay_progress} for an object it has just published. Bounded (least recently used
 * entries go first); owned by the relay's thread.
 */
final class PublishedVersions {

    private final Map<String, Long> versions;

    PublishedVersions(int capacity) {
        this.versions = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    Optional<Long> get(String uuid) {
        return Optional.ofNullable(versions.get(uuid));
    }

    void put(String uuid, long version) {
        versions.merge(uuid, version, Math::max);
    }

    void clear() {
        versions.clear();
    }
}
