package io.filament.configapi.store;

import io.filament.contracts.config.ConfigType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The uuid an fq_name was last seen to name. A hint, never the truth: an object's fq_name never changes, so reading
 * the hinted uuid and finding an object of that type and name proves the hint right in the same read that fetches
 * the object; otherwise the caller looks the name up in the store. Bounded; full, it starts over.
 */
final class KnownNames {

    private static final int MAX_NAMES = 200_000;

    private final Map<String, String> uuids = new ConcurrentHashMap<>();

    Optional<String> hint(ConfigType type, List<String> fqName) {
        return Optional.ofNullable(uuids.get(key(type, fqName)));
    }

    void remember(ConfigType type, List<String> fqName, String uuid) {
        if (uuids.size() >= MAX_NAMES) {
            uuids.clear();
        }
        uuids.put(key(type, fqName), uuid);
    }

    void forget(ConfigType type, List<String> fqName) {
        uuids.remove(key(type, fqName));
    }

    private static String key(ConfigType type, List<String> fqName) {
        return type.dashed() + '\u0000' + String.join("\u0000", fqName);
    }
}
