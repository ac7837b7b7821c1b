package io.filament.configapi.registry;

import io.filament.configapi.error.NotFoundException;
import io.filament.contracts.config.ConfigType;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One {@link TypeDescriptor} per resource type; the generic REST layer and the handler read only this. */
public final class TypeRegistry {

    /** Fields every object has, handled by the handler itself rather than by property validators. */
    public static final Set<String> COMMON_FIELDS = Set.of(
            "uuid", "fq_name", "name", "display_name", "parent_type", "parent_uuid", "id_perms", "perms2",
            "annotations");

    private final Map<ConfigType, TypeDescriptor> descriptors = new EnumMap<>(ConfigType.class);

    public TypeRegistry(Collection<TypeDescriptor> types) {
        types.forEach(d -> descriptors.put(d.type(), d));
    }

    /** The resources of Tungsten Fabric's schema that Filament serves. */
    public static TypeRegistry tungstenFabric() {
        return new TypeRegistry(TungstenFabricTypes.all());
    }

    public TypeDescriptor describe(ConfigType type) {
        TypeDescriptor descriptor = descriptors.get(type);
        if (descriptor == null) {
            throw new NotFoundException("Unknown resource type " + type.dashed());
        }
        return descriptor;
    }

    public TypeDescriptor byCollection(String collection) {
        return ConfigType.fromCollection(collection).filter(descriptors::containsKey).map(this::describe)
                .orElseThrow(() -> new NotFoundException("Unknown resource collection /" + collection));
    }

    public TypeDescriptor byName(String dashed) {
        return ConfigType.fromDashed(dashed).filter(descriptors::containsKey).map(this::describe)
                .orElseThrow(() -> new NotFoundException("Unknown resource type " + dashed));
    }

    public Collection<TypeDescriptor> all() {
        return descriptors.values();
    }

    /** Types whose objects may be children of {@code parent}. */
    public List<ConfigType> childTypes(ConfigType parent) {
        return descriptors.values().stream().filter(d -> d.parents().contains(parent))
                .map(TypeDescriptor::type).toList();
    }

    /** The {@code fq_name} list of a request body (empty when it has none). */
    public static List<String> fqNameOf(tools.jackson.databind.JsonNode body) {
        List<String> name = new java.util.ArrayList<>();
        body.path("fq_name").forEach(part -> name.add(part.asString()));
        return name;
    }

    /** Field name of a child list: {@code routing_instances}. */
    public static String childrenField(ConfigType child) {
        return child.underscored() + "s";
    }

    public static String backRefsField(ConfigType from) {
        return from.underscored() + "_back_refs";
    }
}
