package io.filament.analytics.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;

/**
 * Writes groups of rows that share a partition as unlogged batches (one mutation per partition for
 * Cassandra), with at most {@code maxInFlight} requests outstanding. Used by the ingest thread only.
 */
public final class BoundedWriter {

    /**
     * Rows per unlogged batch. Every batch holds rows of one partition, so Cassandra applies it as one mutation
     * (and its batch-size warning, which counts only batches spanning partitions, does not apply); 100 narrow flow
     * rows are about 12 KiB.
     */
    static final int ROWS_PER_BATCH = 100;

    private final CqlSession session;
    private final Semaphore permits;

    public BoundedWriter(CqlSession session, int maxInFlight) {
        this.session = session;
        this.permits = new Semaphore(maxInFlight);
    }

    /**
     * Writes every group; completes when all are acknowledged, exceptionally if any failed.
     *
     * @param partitions rows grouped by partition key
     */
    public CompletableFuture<Void> write(Collection<List<BoundStatement>> partitions) throws InterruptedException {
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (List<BoundStatement> rows : partitions) {
            for (int from = 0; from < rows.size(); from += ROWS_PER_BATCH) {
                List<BoundStatement> slice = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_BATCH));
                permits.acquire();
                var statement = slice.size() == 1 ? slice.getFirst()
                        : BatchStatement.newInstance(BatchType.UNLOGGED).addAll(slice);
                pending.add(session.executeAsync(statement).toCompletableFuture()
                        .whenComplete((result, error) -> permits.release()));
            }
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
    }
}
