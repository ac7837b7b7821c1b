package io.filament.configapi.outbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's bookkeeping writes (progress and marker deletions of events Kafka acknowledged) that it does not wait
 * for, so that the next committed event leaves at once; at most {@code limit} at a time, the oldest waited for first.
 * A write that fails costs at most a duplicate on Kafka later (the event's marker stays, or its progress is behind):
 * the scan relays it again. Owned by the relay's thread.
 */
final class InFlightWrites {

    private static final Logger log = LoggerFactory.getLogger(InFlightWrites.class);

    private final int limit;
    private final Deque<CompletableFuture<Void>> writes = new ArrayDeque<>();

    InFlightWrites(int limit) {
        this.limit = limit;
    }

    void add(CompletableFuture<Void> write) {
        while (!writes.isEmpty() && writes.peekFirst().isDone()) {
            settle(writes.pollFirst());
        }
        while (writes.size() >= limit) {
            settle(writes.pollFirst());
        }
        writes.addLast(write);
    }

    /** Waits for every write under way; a scan reads the outbox only after this, so it sees what they wrote. */
    void awaitAll() {
        while (!writes.isEmpty()) {
            settle(writes.pollFirst());
        }
    }

    private static void settle(CompletableFuture<Void> write) {
        try {
            write.join();
        } catch (CompletionException e) {
            log.warn("Outbox relay: a bookkeeping write failed ({}); the scan relays its event again",
                    e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        }
    }
}
