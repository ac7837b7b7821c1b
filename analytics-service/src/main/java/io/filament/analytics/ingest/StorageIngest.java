package io.filament.analytics.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.datastax.oss.driver.api.core.cql.BoundStatement;

import io.filament.analytics.flow.FlowRecordParser;
import io.filament.analytics.flow.FlowRecordRejected;
import io.filament.analytics.flow.FlowStore;
import io.filament.analytics.flow.StoredFlow;
import io.filament.analytics.history.ObjectHistoryStore;
import io.filament.analytics.history.ObjectLogEntry;
import io.filament.analytics.stats.StatSampler;
import io.filament.analytics.stats.StatStore;
import io.filament.analytics.status.StatusRecord;
import io.filament.analytics.status.StatusRecordParser;
import io.filament.analytics.status.StatusRecordRejected;
import io.filament.analytics.store.BoundedWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.filament.contracts.config.CloudEventHeaders;

/**
 * The storage consumer (thread {@code storage-ingest}): member of the analytics consumer group on the status
 * and flow topics, so instances share partitions. Each poll becomes one set of asynchronous Cassandra writes;
 * the thread goes on polling and parsing while up to {@value #MAX_PENDING_POLLS} polls are being written, and a
 * poll's offsets are committed only after Cassandra acknowledged it and every earlier poll (at least once; the
 * rows are idempotent upserts). A plain Kafka consumer rather than a Spring Cloud Stream binding, because the
 * commit must follow the completion of whole polls of asynchronous writes and a failed poll must be re-read from
 * its first offset.
 */
public final class StorageIngest implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(StorageIngest.class);
    /** Flow actions kept as label values; anything else is counted as {@code other} to bound cardinality. */
    private static final java.util.Set<String> ACTIONS = java.util.Set.of("pass", "drop", "deny", "reject");
    /** Polls whose writes may be in flight at once (each at most {@code max-poll-records} records). */
    private static final int MAX_PENDING_POLLS = 4;
    private static final Duration IDLE_POLL = Duration.ofMillis(500);
    /** Short while writes are in flight, so that their offsets are committed soon after they are stored. */
    private static final Duration BUSY_POLL = Duration.ofMillis(20);

    public record Stores(FlowStore flows, StatStore stats, ObjectHistoryStore history, BoundedWriter writer) {
    }

    private final Consumer<byte[], byte[]> consumer;
    private final String statusTopic;
    private final StatusRecordParser statusParser;
    private final FlowRecordParser flowParser;
    private final Stores stores;
    private final DeadLetters deadLetters;
    private final Duration retryBackoff;
    private final MeterRegistry meters;
    private final StatSampler sampler = new StatSampler();
    private final Map<List<String>, Counter> flowCounters = new ConcurrentHashMap<>();
    private final Timer writeTimer;
    private final Counter statusStored;
    private final PendingWrites pending;
    private volatile boolean running = true;
    private volatile boolean healthy = true;

    public StorageIngest(Consumer<byte[], byte[]> consumer, String statusTopic, StatusRecordParser statusParser,
                         FlowRecordParser flowParser, Stores stores, DeadLetters deadLetters, Duration retryBackoff,
                         MeterRegistry meters) {
        this.consumer = consumer;
        this.statusTopic = statusTopic;
        this.statusParser = statusParser;
        this.flowParser = flowParser;
        this.stores = stores;
        this.deadLetters = deadLetters;
        this.retryBackoff = retryBackoff;
        this.meters = meters;
        this.pending = new PendingWrites(MAX_PENDING_POLLS);
        this.writeTimer = Timer.builder("filament.analytics.store.write")
                .description("Time to write one polled batch to Cassandra").register(meters);
        this.statusStored = Counter.builder("filament.analytics.status.records")
                .description("Status records stored").register(meters);
    }

    /** Subscribes the consumer; a rebalance first finishes the writes in flight and commits what they stored. */
    public void subscribe(List<String> topics) {
        consumer.subscribe(topics, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                settle(false, true);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                // positions come from the committed offsets
            }
        });
    }

    @Override
    public void run() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(pending.isEmpty() ? IDLE_POLL : BUSY_POLL);
                if (!records.isEmpty()) {
                    submit(records);
                }
                settle(pending.full(), false);
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            settle(false, true);
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Commits the stored prefix of the pending polls; after a failure re-reads every pending poll. */
    private void settle(boolean waitForHead, boolean waitForAll) {
        PendingWrites.Settled settled;
        try {
            settled = pending.settle(waitForHead, waitForAll);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return;
        }
        if (!settled.commit().isEmpty()) {
            Map<TopicPartition, OffsetAndMetadata> mine = new HashMap<>(settled.commit());
            mine.keySet().retainAll(consumer.assignment());
            if (waitForAll) {
                commitBeforeHandover(mine);
            } else {
                consumer.commitAsync(mine, (offsets, error) -> {
                    if (error != null) {
                        log.warn("committing flow and status offsets failed, they will be read again: {}", error.toString());
                    }
                });
            }
            healthy = true;
        }
        settled.failure().ifPresent(failure -> rewind(settled.rewind(), failure));
    }

    /**
     * Before a rebalance or shutdown. If the group has already moved on, the offsets are not committed and the
     * next owner reads those records again, which only rewrites the same rows.
     */
    private void commitBeforeHandover(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets);
        } catch (KafkaException e) {
            log.warn("committing {} partitions before handing them over failed, their owner reads them again: {}",
                    offsets.size(), e.toString());
        }
    }

    private void rewind(Map<TopicPartition, Long> rewind, Throwable failure) {
        healthy = false;
        log.warn("writing to Cassandra failed, re-reading {} partitions from their first unstored offset in {}: {}",
                rewind.size(), retryBackoff, failure.toString());
        rewind.forEach((partition, offset) -> {
            if (consumer.assignment().contains(partition)) {
                consumer.seek(partition, offset);
            }
        });
        if (running) {
            pause();
        }
    }

    /**
     * Parses, dead-letters the malformed and starts writing the rest; returns once the writes are handed to the
     * driver (at most {@code maxInFlight} outstanding), and queues the poll until Cassandra acknowledges it.
     */
    private void submit(ConsumerRecords<byte[], byte[]> records) throws InterruptedException {
        List<StoredFlow> flows = new ArrayList<>();
        List<StatusRecord> statuses = new ArrayList<>();
        List<ObjectLogEntry> history = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.topic().equals(statusTopic)) {
                parseStatus(record, statuses, history);
            } else {
                parseFlow(record, flows);
            }
        }
        List<List<BoundStatement>> rows = new ArrayList<>(stores.flows().rows(flows));
        rows.addAll(stores.history().rows(history));
        rows.addAll(stores.stats().rows(statuses.stream().flatMap(s -> sampler.samples(s).stream()).toList()));
        Timer.Sample sample = Timer.start(meters);
        CompletableFuture<Void> acked = stores.writer().write(rows).whenComplete((v, error) -> sample.stop(writeTimer));
        Map<List<String>, Integer> flowsByLabel = new HashMap<>();
        for (StoredFlow f : flows) {
            flowsByLabel.merge(List.of(f.record().vrouter(), f.record().action()), 1, Integer::sum);
        }
        int statusCount = statuses.size();
        pending.add(PendingWrites.Poll.of(records, acked, () -> {
            flowsByLabel.forEach((labels, count) -> flowCounter(labels).increment(count));
            statusStored.increment(statusCount);
        }));
    }

    private void parseStatus(ConsumerRecord<byte[], byte[]> record, List<StatusRecord> into, List<ObjectLogEntry> history) {
        try {
            StatusRecord status = statusParser.parse(KafkaRecords.key(record),
                    KafkaRecords.header(record, CloudEventHeaders.SOURCE), record.value());
            into.add(status);
            history.add(new ObjectLogEntry(status.table().tableName(), status.key(), status.source(), status.time(),
                    status.deleted(), new String(record.value(), StandardCharsets.UTF_8)));
        } catch (StatusRecordRejected e) {
            deadLetters.reject(record, e.field(), e.getMessage());
        }
    }

    private void parseFlow(ConsumerRecord<byte[], byte[]> record, List<StoredFlow> into) {
        try {
            into.add(new StoredFlow(flowParser.parse(KafkaRecords.key(record), record.value()), record.partition(),
                    record.offset()));
        } catch (FlowRecordRejected e) {
            deadLetters.reject(record, e.field(), e.getMessage());
        }
    }

    private Counter flowCounter(List<String> vrouterAndAction) {
        return flowCounters.computeIfAbsent(vrouterAndAction, k -> Counter
                .builder("filament.analytics.flow.records").description("Flow records stored, per vrouter and action")
                .tag("vrouter", k.get(0)).tag("action", ACTIONS.contains(k.get(1)) ? k.get(1) : "other")
                .register(meters));
    }

    private void pause() {
        try {
            Thread.sleep(retryBackoff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    public boolean healthy() {
        return healthy;
    }

    public void stop() {
        running = false;
        consumer.wakeup();
    }
}
