package io.filament.agent.oper;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Hands out small integers for keys (VRF indexes, MPLS labels, next-hop ids): the lowest free one in
 * {@code [first, last]}, the same one for the same key while it is held. Restoring the held map after a restart
 * gives every key its old number back, so the dataplane's tables stay as they were.
 */
public final class IndexAllocator {

    private final String what;
    private final int first;
    private final int last;
    private final Map<String, Integer> held = new TreeMap<>();
    private final NavigableSet<Integer> used = new TreeSet<>();
    private long changes;

    public IndexAllocator(String what, int first, int last) {
        this.what = what;
        this.first = first;
        this.last = last;
    }

    public int allocate(String key) {
        Integer existing = held.get(key);
        if (existing != null) {
            return existing;
        }
        int candidate = first;
        for (int u : used.tailSet(first, true)) {
            if (u != candidate) {
                break;
            }
            candidate++;
        }
        if (candidate > last) {
            throw new IndexSpaceExhaustedException(what, first, last);
        }
        held.put(key, candidate);
        used.add(candidate);
        changes++;
        return candidate;
    }

    public Optional<Integer> get(String key) {
        return Optional.ofNullable(held.get(key));
    }

    public void release(String key) {
        Integer v = held.remove(key);
        if (v != null) {
            used.remove(v);
            changes++;
        }
    }

    /** Releases every key but those in {@code keep}. */
    public void releaseAllExcept(Set<String> keep) {
        Iterator<Map.Entry<String, Integer>> entries = held.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, Integer> e = entries.next();
            if (!keep.contains(e.getKey())) {
                used.remove(e.getValue());
                entries.remove();
                changes++;
            }
        }
    }

    /** Puts back a number held before a restart; a conflicting entry is refused. */
    public void restore(String key, int value) {
        if (value < first || value > last || used.contains(value) || held.containsKey(key)) {
            throw new IllegalArgumentException(what + " " + key + " = " + value + " conflicts or is outside "
                    + first + ".." + last);
        }
        held.put(key, value);
        used.add(value);
        changes++;
    }

    public Map<String, Integer> held() {
        return Map.copyOf(held);
    }

    /** Grows by one whenever a number is handed out, released or restored: tells a caller whether to persist. */
    public long changeCount() {
        return changes;
    }
}
