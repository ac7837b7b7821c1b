package io.filament.configapi.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.filament.configapi.registry.TypeRegistry;
import io.filament.contracts.config.ConfigOperation;
import io.filament.contracts.config.ConfigType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/**
 * Applies a committed event to the read tables (current objects, children, back-refs). Every write carries the
 * object version as its timestamp, so applying an event twice, or an old event after a newer one, changes nothing:
 * the writer applies it right after committing, and the relay applies it again before publishing, which repairs the
 * read tables if the writer died between the two.
 *
 * <p>An update writes only the child and back-reference rows that differ from the previous version's: a
 * virtual-router that refers to every machine on its host writes one back-reference when a machine is added, not one
 * per machine. That relies on the previous version's rows being complete, so {@code objects_by_uuid} is written last,
 * once every other row of the version is in: a version found there is written in full (the relay re-projects a
 * version only when it is not found there).
 */
final class Projection {

    private final CqlSession session;
    private final PreparedStatement upsertByUuid;
    private final PreparedStatement upsertByType;
    private final PreparedStatement deleteByUuid;
    private final PreparedStatement deleteByType;
    private final PreparedStatement upsertChild;
    private final PreparedStatement deleteChild;
    private final PreparedStatement upsertBackRef;
    private final PreparedStatement deleteBackRef;

    Projection(CqlSession session, String ks) {
        this.session = session;
        upsertByUuid = session.prepare("INSERT INTO " + ks + ".objects_by_uuid (uuid, type, fq_name, parent_uuid,"
                + " version, body) VALUES (?, ?, ?, ?, ?, ?)");
        upsertByType = session.prepare("INSERT INTO " + ks + ".objects_by_type (type, uuid, fq_name, parent_uuid,"
                + " version, body) VALUES (?, ?, ?, ?, ?, ?)");
        deleteByUuid = session.prepare("DELETE FROM " + ks + ".objects_by_uuid WHERE uuid = ?");
        deleteByType = session.prepare("DELETE FROM " + ks + ".objects_by_type WHERE type = ? AND uuid = ?");
        upsertChild = session.prepare("INSERT INTO " + ks + ".children (parent_uuid, child_type, child_uuid, fq_name)"
                + " VALUES (?, ?, ?, ?)");
        deleteChild = session.prepare("DELETE FROM " + ks + ".children WHERE parent_uuid = ? AND child_type = ?"
                + " AND child_uuid = ?");
        upsertBackRef = session.prepare("INSERT INTO " + ks + ".back_refs (to_uuid, from_type, from_uuid, fq_name,"
                + " attr) VALUES (?, ?, ?, ?, ?)");
        deleteBackRef = session.prepare("DELETE FROM " + ks + ".back_refs WHERE to_uuid = ? AND from_type = ?"
                + " AND from_uuid = ?");
    }

    void apply(ConfigType type, String uuid, long version, ConfigOperation operation, List<String> fqName,
               JsonNode object, Optional<JsonNode> previous) {
        CompletableFuture<Void> written = applyAsync(type, uuid, version, operation, fqName, object, previous);
        StoreCalls.run("updating the read tables of " + uuid, written::join);
    }

    /** {@link #apply} without waiting: the returned stage completes when every write of the event is done. */
    CompletableFuture<Void> applyAsync(ConfigType type, String uuid, long version, ConfigOperation operation,
                                       List<String> fqName, JsonNode object, Optional<JsonNode> previous) {
        List<BoundStatement> writes = new ArrayList<>();
        BoundStatement last;
        String parent = object.path("parent_uuid").asString(null);
        String typeName = type.dashed();
        if (operation == ConfigOperation.DELETED) {
            writes.add(deleteByType.bind(typeName, uuid));
            if (parent != null) {
                writes.add(deleteChild.bind(parent, typeName, uuid));
            }
            refs(object).keySet().forEach(to -> writes.add(deleteBackRef.bind(to, typeName, uuid)));
            last = deleteByUuid.bind(uuid);
        } else {
            String body = object.toString();
            Map<String, String> refsNow = refs(object);
            Map<String, String> refsBefore = previous.map(Projection::refs).orElse(Map.of());
            // rows carry the object's name: only a previous version under the same name has rows to keep
            Optional<JsonNode> sameName = previous.filter(p -> TypeRegistry.fqNameOf(p).equals(fqName));
            writes.add(upsertByType.bind(typeName, uuid, fqName, parent, version, body));
            boolean childKept = sameName.map(p -> Objects.equals(parent, p.path("parent_uuid").asString(null)))
                    .orElse(false);
            if (parent != null && !childKept) {
                writes.add(upsertChild.bind(parent, typeName, uuid, fqName));
            }
            refsBefore.keySet().stream().filter(to -> !refsNow.containsKey(to))
                    .forEach(to -> writes.add(deleteBackRef.bind(to, typeName, uuid)));
            refsNow.forEach((to, attr) -> {
                boolean kept = sameName.isPresent() && refsBefore.containsKey(to)
                        && Objects.equals(refsBefore.get(to), attr);
                if (!kept) {
                    writes.add(upsertBackRef.bind(to, typeName, uuid, fqName, attr));
                }
            });
            last = upsertByUuid.bind(uuid, typeName, fqName, parent, version, body);
        }
        CompletableFuture<?>[] pending = writes.stream().map(w -> write(w, version)).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(pending).thenCompose(done -> write(last, version)).thenApply(done -> null);
    }

    private CompletableFuture<?> write(BoundStatement statement, long version) {
        return session.executeAsync(statement.setQueryTimestamp(version)).toCompletableFuture();
    }

    /** Target uuid → attr JSON (or null) of every {@code *_refs} entry of an object. */
    static Map<String, String> refs(JsonNode object) {
        Map<String, String> refs = new HashMap<>();
        for (String field : object.propertyNames()) {
            if (field.endsWith("_refs") && object.get(field).isArray()) {
                for (JsonNode ref : object.get(field)) {
                    JsonNode attr = ref.get("attr");
                    refs.put(ref.get("uuid").asString(), attr == null || attr.isNull() ? null : attr.toString());
                }
            }
        }
        return refs;
    }
}
