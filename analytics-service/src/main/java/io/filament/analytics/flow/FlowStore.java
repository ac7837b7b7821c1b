package io.filament.analytics.flow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import io.filament.analytics.store.BoundedWriter;

/** Flow records in Cassandra: written to every {@link FlowIndex} table, read from one. */
public final class FlowStore {

    private static final String COLUMNS = "vrouter, sourcevn, destvn, sourceip, destip, protocol, sport, dport,"
            + " direction_ing, action, setup_time, teardown_time, agg_packets, agg_bytes, flowuuid, vrouter_ip,"
            + " other_vrouter_ip, sg_rule_uuid, nw_ace_uuid, drop_reason";

    private final CqlSession session;
    private final int ttlSeconds;
    private final Map<FlowIndex, PreparedStatement> inserts = new EnumMap<>(FlowIndex.class);
    private final Map<FlowIndex, PreparedStatement> selects = new EnumMap<>(FlowIndex.class);

    public FlowStore(CqlSession session, String keyspace, int ttlSeconds) {
        this.session = session;
        this.ttlSeconds = ttlSeconds;
        for (FlowIndex index : FlowIndex.values()) {
            String table = keyspace + "." + index.table();
            inserts.put(index, session.prepare("INSERT INTO " + table + " (index_value, bucket, " + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?"));
            selects.put(index, session.prepare("SELECT " + COLUMNS + " FROM " + table
                    + " WHERE index_value = ? AND bucket = ? AND setup_time >= ? AND setup_time <= ?"));
        }
    }

    /** Rows for the records, grouped by partition, ready for {@link BoundedWriter}. */
    public Collection<List<BoundStatement>> rows(List<FlowRecord> records) {
        Map<String, List<BoundStatement>> partitions = new HashMap<>();
        for (FlowRecord r : records) {
            long bucket = FlowIndex.bucketOf(r.setupTime());
            for (FlowIndex index : FlowIndex.values()) {
                String value = (String) r.value(index.field());
                BoundStatement row = inserts.get(index).bind(value, bucket, r.vrouter(), r.sourceVn(), r.destVn(),
                        r.sourceIp(), r.destIp(), r.protocol(), r.sourcePort(), r.destPort(), r.directionIngress(),
                        r.action(), r.setupTime(), r.teardownTime(), r.aggPackets(), r.aggBytes(), r.flowUuid(),
                        r.vrouterIp(), r.otherVrouterIp(), r.sgRuleUuid(), r.nwAceUuid(), r.dropReason(), ttlSeconds);
                partitions.computeIfAbsent(index.table() + '\u0000' + value + '\u0000' + bucket,
                        k -> new ArrayList<>()).add(row);
            }
        }
        return partitions.values();
    }

    /** Records whose indexed field equals {@code value} and whose setup time is in [from, to] (µs). */
    public CompletionStage<List<FlowRecord>> read(FlowIndex index, String value, long from, long to) {
        List<CompletableFuture<List<FlowRecord>>> parts = new ArrayList<>();
        for (long bucket = FlowIndex.bucketOf(from); bucket <= FlowIndex.bucketOf(to); bucket++) {
            BoundStatement select = selects.get(index).bind(value, bucket, from, to).setPageSize(5000);
            parts.add(session.executeAsync(select).thenCompose(rs -> drain(rs, new ArrayList<>())).toCompletableFuture());
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<FlowRecord> all = new ArrayList<>();
            parts.forEach(p -> all.addAll(p.join()));
            return all;
        });
    }

    private static CompletionStage<List<FlowRecord>> drain(AsyncResultSet rs, List<FlowRecord> into) {
        for (Row row : rs.currentPage()) {
            into.add(record(row));
        }
        return rs.hasMorePages() ? rs.fetchNextPage().thenCompose(next -> drain(next, into))
                : CompletableFuture.completedFuture(into);
    }

    private static FlowRecord record(Row row) {
        UUID uuid = row.getUuid(14);
        return new FlowRecord(row.getString(0), row.getString(1), row.getString(2), row.getString(3),
                row.getString(4), row.getInt(5), row.getInt(6), row.getInt(7), row.getInt(8), row.getString(9),
                row.getLong(10), row.getLong(11), row.getLong(12), row.getLong(13), uuid, row.getString(15),
                row.getString(16), row.getString(17), row.getString(18), row.getString(19));
    }
}
