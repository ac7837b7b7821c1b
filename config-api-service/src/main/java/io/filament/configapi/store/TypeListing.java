package io.filament.configapi.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.filament.contracts.config.ConfigType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Lists all objects of a type. It reads uuids, names and versions only, and takes each body from the
 * {@link BodyCache} when it holds that version; the bodies it lacks are read by key, a bounded number at a time,
 * or, when it lacks many, with one scan of the whole type (which fills the cache).
 */
final class TypeListing {

    private record Head(String uuid, List<String> fqName, Optional<String> parentUuid, long version) {
    }

    private static final int IN_FLIGHT = 128;

    private final CqlSession session;
    private final BodyCache bodies;
    private final PreparedStatement heads;
    private final PreparedStatement all;
    private final PreparedStatement one;

    TypeListing(CqlSession session, String ks, BodyCache bodies) {
        this.session = session;
        this.bodies = bodies;
        heads = session.prepare("SELECT uuid, fq_name, parent_uuid, version FROM " + ks + ".objects_by_type"
                + " WHERE type = ?");
        all = session.prepare("SELECT uuid, fq_name, parent_uuid, version, body FROM " + ks + ".objects_by_type"
                + " WHERE type = ?");
        one = session.prepare("SELECT uuid, fq_name, parent_uuid, version, body FROM " + ks + ".objects_by_type"
                + " WHERE type = ? AND uuid = ?");
    }

    /** All objects of {@code type}, ordered by uuid. */
    List<ListedObject> list(ConfigType type) {
        List<Head> found = new ArrayList<>();
        for (Row r : session.execute(heads.bind(type.dashed()))) {
            found.add(new Head(r.getString("uuid"), r.getList("fq_name", String.class),
                    Optional.ofNullable(r.getString("parent_uuid")), r.getLong("version")));
        }
        long missing = found.stream().filter(h -> bodies.body(h.uuid(), h.version()).isEmpty()).count();
        if (missing > IN_FLIGHT && missing * 4 > found.size()) {
            return scan(type);
        }
        List<ListedObject> listed = new ArrayList<>(found.size());
        List<CompletableFuture<Optional<ListedObject>>> reads = new ArrayList<>();
        for (Head head : found) {
            Optional<String> body = bodies.body(head.uuid(), head.version());
            if (body.isPresent()) {
                listed.add(new ListedObject(type, head.uuid(), head.fqName(), head.parentUuid(), head.version(),
                        body.get()));
            } else {
                if (reads.size() >= IN_FLIGHT) {
                    collect(reads, listed);
                }
                reads.add(session.executeAsync(one.bind(type.dashed(), head.uuid())).toCompletableFuture()
                        .thenApply(rs -> Optional.ofNullable(rs.one()).map(r -> row(type, r))));
            }
        }
        collect(reads, listed);
        if (missing > 0) {
            listed.sort((a, b) -> a.uuid().compareTo(b.uuid()));
        }
        return listed;
    }

    private void collect(List<CompletableFuture<Optional<ListedObject>>> reads, List<ListedObject> into) {
        reads.forEach(read -> read.join().ifPresent(into::add));
        reads.clear();
    }

    private List<ListedObject> scan(ConfigType type) {
        List<ListedObject> listed = new ArrayList<>();
        for (Row r : session.execute(all.bind(type.dashed()))) {
            listed.add(row(type, r));
        }
        return listed;
    }

    private ListedObject row(ConfigType type, Row r) {
        ListedObject object = new ListedObject(type, r.getString("uuid"), r.getList("fq_name", String.class),
                Optional.ofNullable(r.getString("parent_uuid")), r.getLong("version"), r.getString("body"));
        bodies.put(object.uuid(), object.version(), object.bodyJson());
        return object;
    }
}
