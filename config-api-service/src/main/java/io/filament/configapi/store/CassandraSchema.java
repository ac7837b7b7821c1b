package io.filament.configapi.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The keyspace of the config store. Current state is kept twice (by uuid and by type, for listing) and written
 * with the object version as cell timestamp, so that replays and late writers can only move it forward. Names in
 * the read tables are frozen lists: a version written twice (its writer and the relay's re-projection racing)
 * then stays one value, where a plain list would keep the elements of both writes.
 *
 * <pre>
 * object_events   ((uuid), version)        append-only event log, INSERT … IF NOT EXISTS = optimistic lock
 * outbox_by_time  ((shard), created, uuid, version)  events not yet on Kafka, oldest first
 * relay_progress  (uuid)                   last version published per object
 * relay_leases    (shard)                  which instance relays a shard (TTL lease)
 * objects_by_uuid (uuid) / objects_by_type ((type), uuid)   current state
 * fq_names        ((type, fq_name))        uuid; claimed with LWT
 * children        ((parent_uuid), child_type, child_uuid)
 * back_refs       ((to_uuid), from_type, from_uuid)
 * address_claims  ((subnet_uuid, address)) owner; claimed with LWT;  subnet_addresses ((subnet_uuid), address)
 * id_claims       ((pool, id))             owner; claimed with LWT;  pool_ids ((pool), id)
 * </pre>
 */
public final class CassandraSchema {

    private CassandraSchema() {
    }

    public static void create(CqlSession session, String keyspace, int replicationFactor) {
        var existing = session.getMetadata().getKeyspace(keyspace);
        if (existing.isEmpty()) {
            ddl(session, "CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = "
                    + "{'class': 'SimpleStrategy', 'replication_factor': " + replicationFactor + "}");
        }
        boolean rebuild = existing.filter(ReadTableRebuild::needed).isPresent();
        if (rebuild) {
            ReadTableRebuild.TABLES.forEach(t -> ddl(session, "DROP TABLE IF EXISTS " + keyspace + "." + t));
            existing = session.refreshSchema().getKeyspace(keyspace);
        }
        for (String table : tables()) {
            String name = table.substring(table.indexOf("KS.") + 3, table.indexOf(' ', table.indexOf("KS.")));
            if (existing.flatMap(k -> k.getTable(name)).isEmpty()) {
                ddl(session, table.replace("KS.", keyspace + "."));
            }
        }
        if (rebuild) {
            ReadTableRebuild.run(session, keyspace);
        }
        if (existing.flatMap(k -> k.getTable("outbox")).isPresent()) {
            moveOutbox(session, keyspace);
        }
    }

    /**
     * Moves the markers of the earlier {@code outbox} table (keyed by uuid within a shard, whose scans read every
     * deleted marker again) into {@code outbox_by_time} and drops it; nothing pending is lost.
     */
    private static void moveOutbox(CqlSession session, String keyspace) {
        var insert = session.prepare("INSERT INTO " + keyspace + ".outbox_by_time (shard, created, uuid, version)"
                + " VALUES (?, ?, ?, ?)");
        for (Row r : session.execute("SELECT shard, created, uuid, version FROM " + keyspace + ".outbox")) {
            Instant created = r.getInstant(1);
            session.execute(insert.bind(r.getInt(0), created == null ? Instant.EPOCH : created, r.getString(2),
                    r.getLong(3)));
        }
        ddl(session, "DROP TABLE IF EXISTS " + keyspace + ".outbox");
    }

    /** Schema changes wait for agreement and can take seconds on a busy node: give them their own timeout. */
    private static void ddl(CqlSession session, String cql) {
        session.execute(SimpleStatement.newInstance(cql).setTimeout(Duration.ofSeconds(120)));
    }

    private static List<String> tables() {
        return List.of(
                "CREATE TABLE IF NOT EXISTS KS.object_events (uuid text, version bigint, type text, operation text,"
                        + " fq_name list<text>, changed_fields list<text>, object text, correlation_id text,"
                        + " event_time timestamp, PRIMARY KEY ((uuid), version))",
                "CREATE TABLE IF NOT EXISTS KS.outbox_by_time (shard int, created timestamp, uuid text,"
                        + " version bigint, PRIMARY KEY ((shard), created, uuid, version))",
                "CREATE TABLE IF NOT EXISTS KS.relay_progress (uuid text PRIMARY KEY, published bigint)",
                "CREATE TABLE IF NOT EXISTS KS.relay_leases (shard int PRIMARY KEY, owner text)",
                "CREATE TABLE IF NOT EXISTS KS.objects_by_uuid (uuid text PRIMARY KEY, type text,"
                        + " fq_name frozen<list<text>>, parent_uuid text, version bigint, body text)",
                "CREATE TABLE IF NOT EXISTS KS.objects_by_type (type text, uuid text, fq_name frozen<list<text>>,"
                        + " parent_uuid text, version bigint, body text, PRIMARY KEY ((type), uuid))",
                "CREATE TABLE IF NOT EXISTS KS.fq_names (type text, fq_name text, uuid text,"
                        + " PRIMARY KEY ((type, fq_name)))",
                "CREATE TABLE IF NOT EXISTS KS.children (parent_uuid text, child_type text, child_uuid text,"
                        + " fq_name frozen<list<text>>, PRIMARY KEY ((parent_uuid), child_type, child_uuid))",
                "CREATE TABLE IF NOT EXISTS KS.back_refs (to_uuid text, from_type text, from_uuid text,"
                        + " fq_name frozen<list<text>>, attr text, PRIMARY KEY ((to_uuid), from_type, from_uuid))",
                "CREATE TABLE IF NOT EXISTS KS.address_claims (subnet_uuid text, address text, owner text,"
                        + " PRIMARY KEY ((subnet_uuid, address)))",
                "CREATE TABLE IF NOT EXISTS KS.subnet_addresses (subnet_uuid text, address text, owner text,"
                        + " PRIMARY KEY ((subnet_uuid), address))",
                "CREATE TABLE IF NOT EXISTS KS.id_claims (pool text, id bigint, owner text,"
                        + " PRIMARY KEY ((pool, id)))",
                "CREATE TABLE IF NOT EXISTS KS.pool_ids (pool text, id bigint, owner text,"
                        + " PRIMARY KEY ((pool), id))");
    }
}
