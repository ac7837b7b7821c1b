package io.filament.analytics.flow;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

/**
 * Flow records in Cassandra. Each {@link FlowIndex} table is partitioned by the indexed value and a minute of
 * setup time; within a partition, one row per chunk: the records of one poll that belong there and come from one
 * partition of the flow topic ({@link FlowRecordCodec}), keyed by that topic partition and the chunk's first
 * offset. Readers keep, per flow, the report with the highest offset, so a flow reported again and a poll written
 * twice both read as the latest report once. A poll read again after a failed write may overwrite a chunk with
 * fewer records (its boundaries can differ); the records it no longer holds follow in the next polls of the same
 * re-reading, which are written before any offset past them is committed. {@link #rows} is called by the ingest
 * thread only; reads are thread-safe.
 */
public final class FlowStore {

    /** Records per chunk at most, so that a row stays far below Cassandra's mutation size limits (~115 B each). */
    static final int CHUNK_RECORDS = 500;
    /** Chunk rows fetched per page of a partition. */
    private static final int PAGE_SIZE = 200;

    private final CqlSession session;
    private final int ttlSeconds;
    private final Map<FlowIndex, PreparedStatement> inserts = new EnumMap<>(FlowIndex.class);
    private final Map<FlowIndex, PreparedStatement> selects = new EnumMap<>(FlowIndex.class);
    private final FlowChunkWriter codec = new FlowChunkWriter();

    private record PartitionKey(FlowIndex index, String value, long bucket) {
    }

    private record ChunkKey(PartitionKey partition, int topicPartition) {
    }

    private record FlowKey(UUID flowUuid, long setupTime) {
    }

    public FlowStore(CqlSession session, String keyspace, int ttlSeconds) {
        this.session = session;
        this.ttlSeconds = ttlSeconds;
        for (FlowIndex index : FlowIndex.values()) {
            String table = keyspace + "." + index.table();
            inserts.put(index, session.prepare("INSERT INTO " + table + " (index_value, bucket, topic_partition,"
                    + " first_offset, records) VALUES (?, ?, ?, ?, ?) USING TTL ?"));
            selects.put(index, session.prepare("SELECT topic_partition, first_offset, records FROM " + table
                    + " WHERE index_value = ? AND bucket = ?"));
        }
    }

    /**
     * Chunk rows for the records (each record goes to one chunk of every table), grouped by Cassandra partition,
     * ready for {@link BoundedWriter}. Ingest thread only.
     *
     * @param flows records of one poll, in offset order within each topic partition
     */
    public Collection<List<BoundStatement>> rows(List<StoredFlow> flows) {
        Map<ChunkKey, List<StoredFlow>> chunks = new LinkedHashMap<>();
        for (StoredFlow flow : flows) {
            long bucket = FlowIndex.bucketOf(flow.record().setupTime());
            for (FlowIndex index : FlowIndex.values()) {
                String value = (String) flow.record().value(index.field());
                chunks.computeIfAbsent(new ChunkKey(new PartitionKey(index, value, bucket), flow.partition()),
                        k -> new ArrayList<>()).add(flow);
            }
        }
        Map<PartitionKey, List<BoundStatement>> partitions = new HashMap<>();
        chunks.forEach((key, members) -> {
            PartitionKey p = key.partition();
            List<BoundStatement> rows = partitions.computeIfAbsent(p, k -> new ArrayList<>());
            for (int from = 0; from < members.size(); from += CHUNK_RECORDS) {
                List<StoredFlow> chunk = members.subList(from, Math.min(members.size(), from + CHUNK_RECORDS));
                ByteBuffer blob = codec.chunk(chunk);
                rows.add(inserts.get(p.index()).bind(p.value(), p.bucket(), key.topicPartition(),
                        chunk.getFirst().offset(), blob, ttlSeconds));
            }
        });
        return partitions.values();
    }

    /**
     * The latest report of every flow whose indexed field equals {@code value} and whose setup time is in
     * [from, to] (µs): reads the whole minute partitions the range touches and keeps the records inside it.
     */
    public CompletionStage<List<FlowRecord>> read(FlowIndex index, String value, long from, long to) {
        List<CompletableFuture<Map<FlowKey, StoredFlow>>> parts = new ArrayList<>();
        for (long bucket = FlowIndex.bucketOf(from); bucket <= FlowIndex.bucketOf(to); bucket++) {
            BoundStatement select = selects.get(index).bind(value, bucket).setPageSize(PAGE_SIZE);
            parts.add(session.executeAsync(select).thenCompose(rs -> drain(rs, from, to, new HashMap<>()))
                    .toCompletableFuture());
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<FlowRecord> all = new ArrayList<>();
            // A flow's setup time fixes its bucket, so each flow appears in one part only.
            parts.forEach(p -> p.join().values().forEach(f -> all.add(f.record())));
            return all;
        });
    }

    private static CompletionStage<Map<FlowKey, StoredFlow>> drain(AsyncResultSet rs, long from, long to,
                                                                   Map<FlowKey, StoredFlow> latest) {
        for (Row row : rs.currentPage()) {
            for (StoredFlow flow : FlowRecordCodec.decode(row.getInt(0), row.getLong(1), row.getByteBuffer(2))) {
                long setup = flow.record().setupTime();
                if (setup >= from && setup <= to) {
                    latest.merge(new FlowKey(flow.record().flowUuid(), setup), flow, (a, b) -> b.after(a) ? b : a);
                }
            }
        }
        return rs.hasMorePages() ? rs.fetchNextPage().thenCompose(next -> drain(next, from, to, latest))
                : CompletableFuture.completedFuture(latest);
    }
}
