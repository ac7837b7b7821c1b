package io.filament.analytics.flow;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;

import io.filament.analytics.store.BoundedWriter;

/**
 * Flow records in Cassandra: one narrow row per record in every {@link FlowIndex} table (key columns plus the
 * record's blob), read from one table. {@link #rows} is called by the ingest thread only; reads are thread-safe.
 */
public final class FlowStore {

    /** Rows fetched per page of a partition slice. */
    private static final int PAGE_SIZE = 5000;

    private final CqlSession session;
    private final ProtocolVersion protocol;
    private final ByteBuffer ttlBytes;
    private final Map<FlowIndex, PreparedStatement> inserts = new EnumMap<>(FlowIndex.class);
    private final Map<FlowIndex, PreparedStatement> selects = new EnumMap<>(FlowIndex.class);
    private final FlowRecordCodec.Writer codec = new FlowRecordCodec.Writer();

    private record PartitionKey(FlowIndex index, String value, long bucket) {
    }

    public FlowStore(CqlSession session, String keyspace, int ttlSeconds) {
        this.session = session;
        this.protocol = session.getContext().getProtocolVersion();
        this.ttlBytes = TypeCodecs.INT.encodePrimitive(ttlSeconds, protocol);
        for (FlowIndex index : FlowIndex.values()) {
            String table = keyspace + "." + index.table();
            inserts.put(index, session.prepare("INSERT INTO " + table
                    + " (index_value, bucket, setup_time, flowuuid, record) VALUES (?, ?, ?, ?, ?) USING TTL ?"));
            selects.put(index, session.prepare("SELECT setup_time, flowuuid, record FROM " + table
                    + " WHERE index_value = ? AND bucket = ? AND setup_time >= ? AND setup_time <= ?"));
        }
    }

    /** Rows for the records, grouped by partition, ready for {@link BoundedWriter}. Ingest thread only. */
    public Collection<List<BoundStatement>> rows(List<FlowRecord> records) {
        Map<PartitionKey, List<BoundStatement>> partitions = new HashMap<>();
        for (FlowRecord r : records) {
            long bucket = FlowIndex.bucketOf(r.setupTime());
            // The values the three rows share are serialized once and handed to each row as they are.
            ByteBuffer bucketBytes = TypeCodecs.BIGINT.encodePrimitive(bucket, protocol);
            ByteBuffer setupBytes = TypeCodecs.BIGINT.encodePrimitive(r.setupTime(), protocol);
            ByteBuffer uuidBytes = TypeCodecs.UUID.encode(r.flowUuid(), protocol);
            ByteBuffer blob = codec.encode(r);
            for (FlowIndex index : FlowIndex.values()) {
                String value = (String) r.value(index.field());
                BoundStatement row = inserts.get(index).boundStatementBuilder()
                        .setBytesUnsafe(0, TypeCodecs.TEXT.encode(value, protocol)).setBytesUnsafe(1, bucketBytes)
                        .setBytesUnsafe(2, setupBytes).setBytesUnsafe(3, uuidBytes).setBytesUnsafe(4, blob)
                        .setBytesUnsafe(5, ttlBytes).build();
                partitions.computeIfAbsent(new PartitionKey(index, value, bucket), k -> new ArrayList<>()).add(row);
            }
        }
        return partitions.values();
    }

    /** Records whose indexed field equals {@code value} and whose setup time is in [from, to] (µs). */
    public CompletionStage<List<FlowRecord>> read(FlowIndex index, String value, long from, long to) {
        List<CompletableFuture<List<FlowRecord>>> parts = new ArrayList<>();
        for (long bucket = FlowIndex.bucketOf(from); bucket <= FlowIndex.bucketOf(to); bucket++) {
            BoundStatement select = selects.get(index).boundStatementBuilder().setString(0, value).setLong(1, bucket)
                    .setLong(2, from).setLong(3, to).setPageSize(PAGE_SIZE).build();
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
            into.add(FlowRecordCodec.decode(row.getLong(0), row.getUuid(1), row.getByteBuffer(2)));
        }
        return rs.hasMorePages() ? rs.fetchNextPage().thenCompose(next -> drain(next, into))
                : CompletableFuture.completedFuture(into);
    }
}
