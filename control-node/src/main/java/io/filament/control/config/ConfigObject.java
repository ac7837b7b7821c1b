package io.filament.control.config;

import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A config object as the control node keeps it: identity, parent, properties (TF field names, underscored) and
 * forward references. Built from {@code filament.config.v1} snapshots and from {@code filament.desired.v1}
 * records (routing instances, ACLs), which become graph nodes the same way.
 */
public record ConfigObject(String type, String uuid, long version, List<String> fqName,
                           Optional<String> parentType, SortedMap<String, JsonNode> properties,
                           List<ConfigRef> refs) {

    public ConfigObject {
        fqName = List.copyOf(fqName);
        properties = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(properties));
        refs = List.copyOf(refs);
    }

    public NodeKey key() {
        return NodeKey.of(type, fqName);
    }

    public Optional<NodeKey> parent() {
        return parentType.filter(t -> fqName.size() > 1)
                .map(t -> NodeKey.of(t, fqName.subList(0, fqName.size() - 1)));
    }
}
