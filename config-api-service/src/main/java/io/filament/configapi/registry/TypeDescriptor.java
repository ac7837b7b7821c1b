package io.filament.configapi.registry;

import io.filament.contracts.config.ConfigType;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Everything the generic REST layer and the command handler know about one resource type: its parents, its
 * properties with their validators and defaults, its reference types and the server-side allocations it needs.
 */
public final class TypeDescriptor {

    private final ConfigType type;
    private final List<ConfigType> parents;
    private final Map<String, PropertyValidator> properties = new LinkedHashMap<>();
    private final Map<String, JsonNode> defaults = new LinkedHashMap<>();
    private final Map<ConfigType, RefSpec> refs = new LinkedHashMap<>();
    private final Set<Allocation> allocations = EnumSet.noneOf(Allocation.class);

    private TypeDescriptor(ConfigType type, List<ConfigType> parents) {
        this.type = type;
        this.parents = List.copyOf(parents);
    }

    public static TypeDescriptor of(ConfigType type, ConfigType... parents) {
        return new TypeDescriptor(type, List.of(parents));
    }

    public TypeDescriptor property(String name, PropertyValidator validator) {
        properties.put(name, validator);
        return this;
    }

    public TypeDescriptor property(String name, PropertyValidator validator, JsonNode defaultValue) {
        properties.put(name, validator);
        defaults.put(name, defaultValue);
        return this;
    }

    public TypeDescriptor ref(ConfigType target) {
        refs.put(target, new RefSpec(target, Optional.empty(), false));
        return this;
    }

    public TypeDescriptor ref(ConfigType target, PropertyValidator attr) {
        refs.put(target, new RefSpec(target, Optional.of(attr), false));
        return this;
    }

    public TypeDescriptor requiredRef(ConfigType target, PropertyValidator attr) {
        refs.put(target, new RefSpec(target, Optional.ofNullable(attr), true));
        return this;
    }

    public TypeDescriptor allocates(Allocation... kinds) {
        allocations.addAll(List.of(kinds));
        return this;
    }

    public ConfigType type() {
        return type;
    }

    public List<ConfigType> parents() {
        return parents;
    }

    public Map<String, PropertyValidator> properties() {
        return Collections.unmodifiableMap(properties);
    }

    public Map<String, JsonNode> defaults() {
        return Collections.unmodifiableMap(defaults);
    }

    public Map<ConfigType, RefSpec> refs() {
        return Collections.unmodifiableMap(refs);
    }

    public Optional<RefSpec> refByField(String field) {
        return refs.values().stream().filter(r -> r.field().equals(field)).findFirst();
    }

    public boolean has(Allocation kind) {
        return allocations.contains(kind);
    }
}
