package io.filament.analytics.stats;

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

/** Counter samples in Cassandra, partitioned by stat table and hour. */
public final class StatStore {

    private final CqlSession session;
    private final int ttlSeconds;
    private final PreparedStatement insert;
    private final PreparedStatement select;

    public StatStore(CqlSession session, String keyspace, int ttlSeconds) {
        this.session = session;
        this.ttlSeconds = ttlSeconds;
        this.insert = session.prepare("INSERT INTO " + keyspace + ".stat_samples (stat_table, bucket, t, name,"
                + " source, value) VALUES (?, ?, ?, ?, ?, ?) USING TTL ?");
        this.select = session.prepare("SELECT t, name, source, value FROM " + keyspace + ".stat_samples"
                + " WHERE stat_table = ? AND bucket = ? AND t >= ? AND t <= ?");
    }

    public Collection<List<BoundStatement>> rows(List<StatSample> samples) {
        Map<String, List<BoundStatement>> partitions = new HashMap<>();
        for (StatSample s : samples) {
            long bucket = Math.floorDiv(s.time(), StatSample.BUCKET_MICROS);
            partitions.computeIfAbsent(s.statTable() + '\u0000' + bucket, k -> new ArrayList<>())
                    .add(insert.bind(s.statTable(), bucket, s.time(), s.name(), s.source(), s.value(), ttlSeconds));
        }
        return partitions.values();
    }

    public CompletionStage<List<StatSample>> read(String statTable, long from, long to) {
        List<CompletableFuture<List<StatSample>>> parts = new ArrayList<>();
        for (long b = Math.floorDiv(from, StatSample.BUCKET_MICROS); b <= Math.floorDiv(to, StatSample.BUCKET_MICROS); b++) {
            parts.add(session.executeAsync(select.bind(statTable, b, from, to))
                    .thenCompose(rs -> drain(statTable, rs, new ArrayList<>())).toCompletableFuture());
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<StatSample> all = new ArrayList<>();
            parts.forEach(p -> all.addAll(p.join()));
            return all;
        });
    }

    private static CompletionStage<List<StatSample>> drain(String table, AsyncResultSet rs, List<StatSample> into) {
        for (Row row : rs.currentPage()) {
            into.add(new StatSample(table, row.getString(1), row.getString(2), row.getLong(0), row.getDouble(3)));
        }
        return rs.hasMorePages() ? rs.fetchNextPage().thenCompose(next -> drain(table, next, into))
                : CompletableFuture.completedFuture(into);
    }
}
