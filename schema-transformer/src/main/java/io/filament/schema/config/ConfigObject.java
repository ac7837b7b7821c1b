package io.filament.schema.config;

import java.util.List;

/**
 * The latest snapshot of one config object: its identity, version, forward references and the typed part of its
 * properties that the transformer reads.
 */
public record ConfigObject(ConfigKey key, long version, FqName fqName, List<ObjectRef> refs, ConfigBody body) {

    public ConfigObject {
        refs = List.copyOf(refs);
    }

    public List<ObjectRef> refsTo(String type) {
        return refs.stream().filter(ref -> ref.type().equals(type)).toList();
    }

    /** {@code <type>/<uuid>} as written in a desired record's {@code derived_from}. */
    public String provenanceKey() {
        return key.toString();
    }
}
