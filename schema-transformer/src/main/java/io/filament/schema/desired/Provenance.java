package io.filament.schema.desired;

import io.filament.schema.config.ConfigObject;
import java.util.Map;
import java.util.TreeMap;

/** Collects {@code derived_from}: {@code <type>/<uuid>} → version of every config object a record was built from. */
public final class Provenance {

    private final Map<String, Long> versions = new TreeMap<>();

    public Provenance add(ConfigObject object) {
        versions.put(object.provenanceKey(), object.version());
        return this;
    }

    public Provenance addAll(Iterable<ConfigObject> objects) {
        objects.forEach(this::add);
        return this;
    }

    public Provenance addAll(Provenance other) {
        versions.putAll(other.versions);
        return this;
    }

    public Map<String, Long> toJson() {
        return new TreeMap<>(versions);
    }
}
