package io.filament.schema.config;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The latest snapshot per {@code <type>/<uuid>} with forward references indexed both ways. A reference to an object
 * not (yet) in the image stays in the reverse index, so the referrer is found again when its target arrives.
 * An upsert older than the snapshot held is ignored. Owned by the single thread that applies the config log.
 */
public final class ConfigImage {

    private final Map<ConfigKey, ConfigObject> objects = new HashMap<>();
    private final Map<String, java.util.SortedMap<ConfigKey, ConfigObject>> byType = new HashMap<>();
    /** Per type and fq_name, the objects carrying it, oldest first (a re-created one may come before the old goes). */
    private final Map<String, Map<String, LinkedHashSet<ConfigKey>>> byFqName = new HashMap<>();
    private final Map<ConfigKey, Set<ConfigKey>> referrers = new HashMap<>();

    /** What one change did to the image; {@code changed} is false when the record was stale or identical. */
    public record Update(Optional<ConfigObject> previous, Optional<ConfigObject> current, boolean changed) {
    }

    public Update apply(ConfigChange change) {
        Optional<ConfigObject> previous = get(change.key());
        return switch (change) {
            case ConfigChange.Removed removed -> {
                previous.ifPresent(this::remove);
                yield new Update(previous, Optional.empty(), previous.isPresent());
            }
            case ConfigChange.Upserted(ConfigObject object) -> {
                if (previous.isPresent() && (previous.get().version() > object.version()
                        || previous.get().equals(object))) {
                    yield new Update(previous, previous, false);
                }
                previous.ifPresent(this::remove);
                add(object);
                yield new Update(previous, Optional.of(object), true);
            }
        };
    }

    public Optional<ConfigObject> get(ConfigKey key) {
        return Optional.ofNullable(objects.get(key));
    }

    /** The object of {@code type} named {@code fqName}; the newest one when two carry the name for a while. */
    public Optional<ConfigObject> byFqName(String type, String fqName) {
        return Optional.ofNullable(byFqName.getOrDefault(type, Map.of()).get(fqName)).map(LinkedHashSet::getLast)
                .flatMap(this::get);
    }

    /** Objects whose forward references name {@code target}, whether or not the target is present. */
    public Set<ConfigKey> referrersOf(ConfigKey target) {
        return new TreeSet<>(referrers.getOrDefault(target, Set.of()));
    }

    /** All objects of one type, ordered by key. */
    public Collection<ConfigObject> ofType(String type) {
        return java.util.Collections.unmodifiableCollection(
                byType.getOrDefault(type, java.util.Collections.emptySortedMap()).values());
    }

    public int size() {
        return objects.size();
    }

    private void add(ConfigObject object) {
        objects.put(object.key(), object);
        byType.computeIfAbsent(object.key().type(), t -> new java.util.TreeMap<>()).put(object.key(), object);
        byFqName.computeIfAbsent(object.key().type(), t -> new HashMap<>())
                .computeIfAbsent(object.fqName().toString(), n -> new LinkedHashSet<>()).add(object.key());
        for (ObjectRef ref : object.refs()) {
            referrers.computeIfAbsent(ref.target(), k -> new java.util.HashSet<>()).add(object.key());
        }
    }

    private void remove(ConfigObject object) {
        objects.remove(object.key());
        byType.get(object.key().type()).remove(object.key());
        Map<String, LinkedHashSet<ConfigKey>> names = byFqName.get(object.key().type());
        LinkedHashSet<ConfigKey> named = names.get(object.fqName().toString());
        named.remove(object.key());
        if (named.isEmpty()) {
            names.remove(object.fqName().toString());
        }
        for (ObjectRef ref : object.refs()) {
            Set<ConfigKey> from = referrers.get(ref.target());
            if (from != null) {
                from.remove(object.key());
                if (from.isEmpty()) {
                    referrers.remove(ref.target());
                }
            }
        }
    }
}
