package io.filament.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PendingWritesTest {

    private static final TopicPartition P0 = new TopicPartition("flows", 0);
    private static final TopicPartition P1 = new TopicPartition("flows", 1);

    private final PendingWrites pending = new PendingWrites(3);
    private final AtomicInteger stored = new AtomicInteger();

    /** A poll of the given offsets of partition 0 and 1 (either may be empty). */
    private CompletableFuture<Void> poll(List<Long> p0, List<Long> p1) {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> records = new java.util.HashMap<>();
        for (var entry : Map.of(P0, p0, P1, p1).entrySet()) {
            List<ConsumerRecord<byte[], byte[]>> list = new ArrayList<>();
            entry.getValue().forEach(o -> list.add(new ConsumerRecord<>("flows", entry.getKey().partition(), o, null, null)));
            if (!list.isEmpty()) {
                records.put(entry.getKey(), list);
            }
        }
        CompletableFuture<Void> acked = new CompletableFuture<>();
        pending.add(PendingWrites.Poll.of(new ConsumerRecords<>(records, Map.of()), acked, stored::incrementAndGet));
        return acked;
    }

    @Test
    void commitsAPollOnlyOnceItAndEveryEarlierPollAreStored() throws Exception {
        CompletableFuture<Void> first = poll(List.of(10L, 11L), List.of(5L));
        CompletableFuture<Void> second = poll(List.of(12L), List.of());
        second.complete(null);

        assertThat(pending.settle(false, false).commit()).isEmpty();
        assertThat(stored).hasValue(0);

        first.complete(null);
        PendingWrites.Settled settled = pending.settle(false, false);

        assertThat(settled.commit()).containsExactlyInAnyOrderEntriesOf(Map.of(
                P0, new OffsetAndMetadata(13), P1, new OffsetAndMetadata(6)));
        assertThat(settled.failure()).isEmpty();
        assertThat(stored).hasValue(2);
        assertThat(pending.isEmpty()).isTrue();
    }

    @Test
    void isFullAtItsBoundAndWaitingForTheHeadFreesASlot() throws Exception {
        CompletableFuture<Void> first = poll(List.of(1L), List.of());
        poll(List.of(2L), List.of());
        poll(List.of(3L), List.of());
        assertThat(pending.full()).isTrue();

        CompletableFuture.runAsync(() -> first.complete(null));
        PendingWrites.Settled settled = pending.settle(true, false);

        assertThat(settled.commit()).containsExactlyEntriesOf(Map.of(P0, new OffsetAndMetadata(2)));
        assertThat(pending.full()).isFalse();
    }

    @Test
    void aFailedWriteRewindsEveryPartitionToTheFirstOffsetOfItsPendingPolls() throws Exception {
        CompletableFuture<Void> first = poll(List.of(10L, 11L), List.of());
        CompletableFuture<Void> second = poll(List.of(12L), List.of(7L, 8L));
        CompletableFuture<Void> third = poll(List.of(13L), List.of(9L));
        first.complete(null);
        second.completeExceptionally(new IllegalStateException("write timed out"));
        third.complete(null);

        PendingWrites.Settled settled = pending.settle(false, true);

        assertThat(settled.commit()).containsExactlyEntriesOf(Map.of(P0, new OffsetAndMetadata(12)));
        assertThat(settled.failure()).get().extracting(Throwable::getMessage).isEqualTo("write timed out");
        assertThat(settled.rewind()).containsExactlyInAnyOrderEntriesOf(Map.of(P0, 12L, P1, 7L));
        assertThat(stored).hasValue(1);
        assertThat(pending.isEmpty()).isTrue();
    }
}
