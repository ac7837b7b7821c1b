package io.filament.analytics.ingest;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The polls whose Cassandra writes are still in flight, oldest first, so that the storage consumer can poll
 * and parse the next records while Cassandra acknowledges the previous ones. Offsets are committed strictly in
 * poll order: a poll's offsets only once it and every earlier poll are acknowledged. When a write fails, every
 * pending poll is read again from its first offset (rows are idempotent upserts). Used by the ingest thread only.
 */
final class PendingWrites {

    /** Bound on the wait for one poll's writes; the driver's own request timeout normally ends them first. */
    private static final long WRITE_WAIT_MINUTES = 5;

    /**
     * One poll's writes.
     *
     * @param acked    completes when Cassandra acknowledged every row of the poll
     * @param first    first offset of each partition in the poll (where to re-read from after a failure)
     * @param next     offset to commit per partition once the poll is stored
     * @param onStored run on the ingest thread when the poll is acknowledged (counters)
     */
    record Poll(CompletableFuture<Void> acked, Map<TopicPartition, Long> first,
                Map<TopicPartition, OffsetAndMetadata> next, Runnable onStored) {

        static Poll of(ConsumerRecords<byte[], byte[]> records, CompletableFuture<Void> acked, Runnable onStored) {
            Map<TopicPartition, Long> first = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
            for (TopicPartition partition : records.partitions()) {
                var inPartition = records.records(partition);
                first.put(partition, inPartition.getFirst().offset());
                ConsumerRecord<byte[], byte[]> last = inPartition.getLast();
                next.put(partition, new OffsetAndMetadata(last.offset() + 1));
            }
            return new Poll(acked, first, next, onStored);
        }
    }

    /** What settling found: offsets to commit now, and, after a failure, where to re-read from and why. */
    record Settled(Map<TopicPartition, OffsetAndMetadata> commit, Map<TopicPartition, Long> rewind,
                   Optional<Throwable> failure) {
    }

    private final ArrayDeque<Poll> polls = new ArrayDeque<>();
    private final int maxPolls;

    /** @param maxPolls polls in flight at most; {@link #full()} tells the consumer to wait */
    PendingWrites(int maxPolls) {
        this.maxPolls = maxPolls;
    }

    void add(Poll poll) {
        polls.addLast(poll);
    }

    boolean isEmpty() {
        return polls.isEmpty();
    }

    boolean full() {
        return polls.size() >= maxPolls;
    }

    /**
     * Takes the acknowledged polls off the head of the queue.
     *
     * @param waitForHead block until the oldest poll completes (when the queue is full)
     * @param waitForAll  block until every poll completes (before a rebalance or shutdown)
     */
    Settled settle(boolean waitForHead, boolean waitForAll) throws InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        boolean mustWait = waitForHead || waitForAll;
        while (!polls.isEmpty() && (mustWait || polls.peekFirst().acked().isDone())) {
            Poll head = polls.peekFirst();
            Optional<Throwable> failure = outcome(head.acked());
            if (failure.isPresent()) {
                return new Settled(commit, rewindAll(), failure);
            }
            polls.removeFirst();
            head.onStored().run();
            commit.putAll(head.next());
            mustWait = waitForAll;
        }
        return new Settled(commit, Map.of(), Optional.empty());
    }

    /** After a failure: waits for every write still in flight, forgets them, and says where to re-read. */
    private Map<TopicPartition, Long> rewindAll() throws InterruptedException {
        Map<TopicPartition, Long> rewind = new HashMap<>();
        for (Poll poll : polls) {
            outcome(poll.acked());
            poll.first().forEach((partition, offset) -> rewind.merge(partition, offset, Math::min));
        }
        polls.clear();
        return rewind;
    }

    private static Optional<Throwable> outcome(CompletableFuture<Void> acked) throws InterruptedException {
        try {
            acked.get(WRITE_WAIT_MINUTES, TimeUnit.MINUTES);
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(e.getCause());
        } catch (TimeoutException e) {
            return Optional.of(e);
        }
    }
}
