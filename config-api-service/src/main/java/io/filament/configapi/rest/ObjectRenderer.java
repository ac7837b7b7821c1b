package io.filament.configapi.rest;

import io.filament.configapi.command.RefLink;
import io.filament.configapi.command.StoredObject;
import io.filament.configapi.registry.TypeRegistry;
import io.filament.configapi.store.CassandraConfigStore;
import io.filament.contracts.config.ConfigType;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Turns a stored object into VNC's response shape: hrefs everywhere, plus back-refs and children on request. */
final class ObjectRenderer {

    /** What to include beyond the stored body. */
    record Options(boolean backRefs, boolean children, boolean hrefs, Set<String> fields) {
    }

    private final CassandraConfigStore store;
    private final TypeRegistry registry;

    ObjectRenderer(CassandraConfigStore store, TypeRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    static String href(String base, ConfigType type, String uuid) {
        return base + "/" + type.dashed() + "/" + uuid;
    }

    ObjectNode render(StoredObject object, String base, Options options) {
        return renderInPlace(object.body().deepCopy(), object, base, options);
    }

    /** Renders into {@code out} (the object's own body, for objects read just for this response). */
    ObjectNode renderInPlace(ObjectNode out, StoredObject object, String base, Options options) {
        if (!options.fields().isEmpty()) {
            for (String field : List.copyOf(out.propertyNames())) {
                if (!options.fields().contains(field) && !Set.of("uuid", "fq_name", "name", "parent_type",
                        "parent_uuid").contains(field)) {
                    out.remove(field);
                }
            }
        }
        if (options.hrefs()) {
            out.put("href", href(base, object.type(), object.uuid()));
            object.parentUuid().ifPresent(p -> out.put("parent_href",
                    base + "/" + out.path("parent_type").asString() + "/" + p));
            for (String field : out.propertyNames()) {
                if (field.endsWith("_refs") && out.get(field).isArray()) {
                    ConfigType target = ConfigType.fromUnderscored(field.substring(0, field.length() - 5))
                            .orElseThrow();
                    out.get(field).forEach(r -> ((ObjectNode) r).put("href", href(base, target,
                            r.get("uuid").asString())));
                }
            }
        }
        if (options.backRefs() || options.fields().stream().anyMatch(f -> f.endsWith("_back_refs"))) {
            for (RefLink link : store.backRefs(object.uuid())) {
                String field = TypeRegistry.backRefsField(link.type());
                if (wanted(options, field)) {
                    arrayOf(out, field).add(link(link, base, options.hrefs()));
                }
            }
        }
        if (options.children() || !options.fields().isEmpty()) {
            List<String> childFields = registry.childTypes(object.type()).stream().map(TypeRegistry::childrenField)
                    .filter(f -> options.children() ? wanted(options, f) : options.fields().contains(f)).toList();
            if (!childFields.isEmpty()) {
                for (RefLink child : store.children(object.uuid())) {
                    String field = TypeRegistry.childrenField(child.type());
                    if (childFields.contains(field)) {
                        arrayOf(out, field).add(link(child, base, options.hrefs()));
                    }
                }
            }
        }
        return out;
    }

    private static boolean wanted(Options options, String field) {
        return options.fields().isEmpty() || options.fields().contains(field);
    }

    private static ArrayNode arrayOf(ObjectNode out, String field) {
        JsonNode existing = out.get(field);
        return existing instanceof ArrayNode array ? array : out.putArray(field);
    }

    private static ObjectNode link(RefLink link, String base, boolean hrefs) {
        ObjectNode json = link.toJson();
        if (link.attr().isEmpty()) {
            json.remove("attr");
            if (link.type() != null && hrefs) {
                json.put("href", href(base, link.type(), link.uuid()));
            }
        } else if (hrefs) {
            json.put("href", href(base, link.type(), link.uuid()));
        }
        return json;
    }
}
