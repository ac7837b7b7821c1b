package io.filament.configapi.store;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stored bodies of objects by uuid and version. A version's body never changes (the event log holds one event per
 * version), so an entry is right whenever the store still shows that version: a listing reads only uuids and
 * versions and takes the bodies it knows from here. Bounded by the characters it holds; full, it starts over.
 */
final class BodyCache {

    private record Entry(long version, String body) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong chars = new AtomicLong();
    private final long maxChars;

    BodyCache(long maxChars) {
        if (maxChars <= 0) {
            throw new IllegalArgumentException("body cache size must be positive, got " + maxChars);
        }
        this.maxChars = maxChars;
    }

    Optional<String> body(String uuid, long version) {
        Entry entry = entries.get(uuid);
        return entry != null && entry.version() == version ? Optional.of(entry.body()) : Optional.empty();
    }

    /** Remembers a body unless a newer version of the object is already known. */
    void put(String uuid, long version, String body) {
        if (chars.addAndGet(body.length()) > maxChars) {
            entries.clear();
            chars.set(body.length());
        }
        entries.merge(uuid, new Entry(version, body), (old, now) -> now.version() >= old.version() ? now : old);
    }

    void forget(String uuid) {
        entries.remove(uuid);
    }
}
