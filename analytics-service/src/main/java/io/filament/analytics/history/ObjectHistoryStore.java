package io.filament.analytics.history;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

/** Every status record of an object, kept for the object-history TTL; read by object and time range. */
public final class ObjectHistoryStore {

    private final CqlSession session;
    private final int ttlSeconds;
    private final PreparedStatement insert;
    private final PreparedStatement select;

    public ObjectHistoryStore(CqlSession session, String keyspace, int ttlSeconds) {
        this.session = session;
        this.ttlSeconds = ttlSeconds;
        this.insert = session.prepare("INSERT INTO " + keyspace + ".object_history (object_table, object_key, bucket,"
                + " t, source, deleted, body) VALUES (?, ?, ?, ?, ?, ?, ?) USING TTL ?");
        this.select = session.prepare("SELECT t, source, deleted, body FROM " + keyspace + ".object_history"
                + " WHERE object_table = ? AND object_key = ? AND bucket = ? AND t >= ? AND t <= ?");
    }

    public Collection<List<BoundStatement>> rows(List<ObjectLogEntry> entries) {
        Map<String, List<BoundStatement>> partitions = new HashMap<>();
        for (ObjectLogEntry e : entries) {
            long bucket = Math.floorDiv(e.time(), ObjectLogEntry.BUCKET_MICROS);
            partitions.computeIfAbsent(e.table() + '\u0000' + e.key() + '\u0000' + bucket, k -> new ArrayList<>())
                    .add(insert.bind(e.table(), e.key(), bucket, e.time(), e.source(), e.deleted(), e.body(), ttlSeconds));
        }
        return partitions.values();
    }

    public CompletionStage<List<ObjectLogEntry>> read(String table, String key, long from, long to) {
        List<CompletableFuture<List<ObjectLogEntry>>> parts = new ArrayList<>();
        for (long b = Math.floorDiv(from, ObjectLogEntry.BUCKET_MICROS); b <= Math.floorDiv(to, ObjectLogEntry.BUCKET_MICROS); b++) {
            parts.add(session.executeAsync(select.bind(table, key, b, from, to))
                    .thenCompose(rs -> drain(table, key, rs, new ArrayList<>())).toCompletableFuture());
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<ObjectLogEntry> all = new ArrayList<>();
            parts.forEach(p -> all.addAll(p.join()));
            return all;
        });
    }

    private static CompletionStage<List<ObjectLogEntry>> drain(String table, String key, AsyncResultSet rs,
                                                               List<ObjectLogEntry> into) {
        for (Row row : rs.currentPage()) {
            into.add(new ObjectLogEntry(table, key, row.getString(1), row.getLong(0), row.getBoolean(2), row.getString(3)));
        }
        return rs.hasMorePages() ? rs.fetchNextPage().thenCompose(next -> drain(table, key, next, into))
                : CompletableFuture.completedFuture(into);
    }
}
