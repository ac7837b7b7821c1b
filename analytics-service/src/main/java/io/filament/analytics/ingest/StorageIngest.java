package io.filament.analytics.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.datastax.oss.driver.api.core.cql.BoundStatement;

import io.filament.analytics.flow.FlowRecord;
import io.filament.analytics.flow.FlowRecordParser;
import io.filament.analytics.flow.FlowRecordRejected;
import io.filament.analytics.flow.FlowStore;
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
 * and flow topics, so instances share partitions. Each poll becomes one set of Cassandra writes; offsets are
 * committed only after Cassandra acknowledged all of them (at least once; the rows are idempotent upserts).
 * A plain Kafka consumer rather than a Spring Cloud Stream binding, because the commit must follow the
 * completion of a whole batch of asynchronous writes and a failed batch must be re-read from its first offset.
 */
public final class StorageIngest implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(StorageIngest.class);
    /** Flow actions kept as label values; anything else is counted as {@code other} to bound cardinality. */
    private static final java.util.Set<String> ACTIONS = java.util.Set.of("pass", "drop", "deny", "reject");

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
        this.writeTimer = Timer.builder("filament.analytics.store.write")
                .description("Time to write one polled batch to Cassandra").register(meters);
        this.statusStored = Counter.builder("filament.analytics.status.records")
                .description("Status records stored").register(meters);
    }

    @Override
    public void run() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    storeWithRetry(records);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void storeWithRetry(ConsumerRecords<byte[], byte[]> records) {
        try {
            store(records);
            consumer.commitSync();
            healthy = true;
        } catch (ExecutionException e) {
            healthy = false;
            log.warn("writing {} records to Cassandra failed, re-reading them in {}: {}", records.count(),
                    retryBackoff, e.getCause().toString());
            for (TopicPartition partition : records.partitions()) {
                consumer.seek(partition, records.records(partition).getFirst().offset());
            }
            pause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Parses, dead-letters the malformed, writes the rest; returns when Cassandra acknowledged every row. */
    void store(ConsumerRecords<byte[], byte[]> records) throws ExecutionException, InterruptedException {
        List<FlowRecord> flows = new ArrayList<>();
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
        stores.writer().write(rows).get();
        sample.stop(writeTimer);
        flows.forEach(f -> flowCounter(f).increment());
        statusStored.increment(statuses.size());
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

    private void parseFlow(ConsumerRecord<byte[], byte[]> record, List<FlowRecord> into) {
        try {
            into.add(flowParser.parse(KafkaRecords.key(record), record.value()));
        } catch (FlowRecordRejected e) {
            deadLetters.reject(record, e.field(), e.getMessage());
        }
    }

    private Counter flowCounter(FlowRecord flow) {
        return flowCounters.computeIfAbsent(List.of(flow.vrouter(), flow.action()), k -> Counter
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
