package io.filament.configapi.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import com.datastax.oss.driver.api.core.type.ListType;
import io.filament.contracts.config.ConfigOperation;
import io.filament.contracts.config.ConfigType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rebuilds the read tables from the event log, for a keyspace made before their names became frozen lists: a
 * plain list column written twice at one timestamp keeps the elements of both writes (a name such as
 * {@code [default-global-system-config, host2, default-global-system-config, host2]}), so such tables are dropped,
 * created anew and filled with the latest state of every object that is not deleted, its name and parent taken from
 * the object itself.
 */
final class ReadTableRebuild {

    private static final Logger log = LoggerFactory.getLogger(ReadTableRebuild.class);
    static final List<String> TABLES = List.of("objects_by_uuid", "objects_by_type", "children", "back_refs");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ReadTableRebuild() {
    }

    /** Whether any read table of the keyspace holds its names as a plain (not frozen) list. */
    static boolean needed(KeyspaceMetadata keyspace) {
        return TABLES.stream().flatMap(t -> keyspace.getTable(t).stream())
                .flatMap(t -> t.getColumn("fq_name").stream())
                .map(ColumnMetadata::getType)
                .anyMatch(type -> type instanceof ListType list && !list.isFrozen());
    }

    /** Fills the (empty, new) read tables from {@code object_events}; returns how many objects it wrote. */
    static int run(CqlSession session, String keyspace) {
        Projection projection = new Projection(session, keyspace);
        int written = 0;
        Row last = null;
        // rows come partition by partition (one object each), versions ascending: an object's last row is its state
        for (Row row : session.execute(SimpleStatement.newInstance("SELECT uuid, version, type, operation, object FROM "
                + keyspace + ".object_events").setPageSize(1000))) {
            if (last != null && !last.getString("uuid").equals(row.getString("uuid"))) {
                written += project(projection, last);
            }
            last = row;
        }
        if (last != null) {
            written += project(projection, last);
        }
        log.info("read tables of {} rebuilt from the event log with frozen names: {} objects", keyspace, written);
        return written;
    }

    private static int project(Projection projection, Row last) {
        ConfigOperation operation = ConfigOperation.valueOf(last.getString("operation").toUpperCase(Locale.ROOT));
        if (operation == ConfigOperation.DELETED) {
            return 0;
        }
        ConfigType type = ConfigType.fromDashed(last.getString("type")).orElseThrow(() -> new IllegalStateException(
                "object_events of " + last.getString("uuid") + " names an unknown type " + last.getString("type")));
        ObjectNode object = (ObjectNode) JSON.readTree(last.getString("object"));
        List<String> fqName = new ArrayList<>();
        object.path("fq_name").forEach(part -> fqName.add(part.asString()));
        projection.apply(type, last.getString("uuid"), last.getLong("version"), operation, fqName, object,
                Optional.<JsonNode>empty());
        return 1;
    }
}
