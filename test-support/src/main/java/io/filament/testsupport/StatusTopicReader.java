package io.filament.testsupport;

import io.filament.contracts.status.StatusFormat;
import io.filament.contracts.status.StatusReport;
import io.filament.contracts.status.UveParts;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a status topic from its beginning with a plain consumer and runs every record through the reader
 * analytics uses ({@link StatusFormat}; a record it rejects fails the test) and the UVE merge ({@link UveParts}).
 */
public final class StatusTopicReader implements AutoCloseable {

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final StatusFormat format = new StatusFormat();
    private final UveParts uves = new UveParts();
    private final List<StatusReport> reports = new ArrayList<>();

    public StatusTopicReader(String bootstrapServers, String topic) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Polls once; returns false while the topic does not exist yet. */
    public boolean poll() {
        if (consumer.assignment().isEmpty()) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (partitions == null || partitions.isEmpty()) {
                return false;
            }
            consumer.assign(partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList());
            consumer.seekToBeginning(consumer.assignment());
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
            StatusReport report = format.read(r.key(), header(r, "ce_source"), r.value());
            if (!header(r, "ce_type").equals("io.filament.status." + report.table().tableName())
                    || !header(r, "ce_specversion").equals("1.0")
                    || !header(r, "content-type").equals("application/json")) {
                throw new AssertionError("headers of " + r.key() + " break the format");
            }
            reports.add(report);
            uves.apply(report);
        }
        return true;
    }

    public List<StatusReport> reports() {
        return List.copyOf(reports);
    }

    public UveParts uves() {
        return uves;
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        if (h == null) {
            throw new AssertionError(r.key() + " has no header " + name);
        }
        return new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
