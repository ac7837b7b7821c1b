package io.filament.schema.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows a topic from its beginning on a thread of its own: every record in arrival order (with the local time it
 * was seen) and the compacted view, key → latest value, tombstones removing the key.
 */
final class TopicWatcher implements AutoCloseable {

    /** One record as seen; value null for a tombstone. */
    record Seen(String key, String value, Map<String, String> headers, long seenNanos) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, String> compacted = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    TopicWatcher(String bootstrapServers, String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        thread = Thread.ofPlatform().name("watch-" + topic).daemon().start(this::run);
    }

    private void run() {
        try {
            while (running) {
                for (var record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    String value = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
                    Map<String, String> headers = new java.util.HashMap<>();
                    record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
                    seen.add(new Seen(record.key(), value, headers, now));
                    if (value == null) {
                        compacted.remove(record.key());
                    } else {
                        compacted.put(record.key(), value);
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the consumer up
        } finally {
            consumer.close();
        }
    }

    Map<String, String> compacted() {
        return Map.copyOf(compacted);
    }

    Optional<String> value(String key) {
        return Optional.ofNullable(compacted.get(key));
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
