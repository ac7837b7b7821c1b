package io.filament.schema.stream;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the config topic from where activation stopped reading, on one platform thread
 * ({@code config-follower}) that polls, hands each poll's records to the engine as one batch and polls again.
 *
 * <p>A plain consumer with assigned partitions and no consumer group rather than a Spring Cloud Stream binding:
 * activation already knows the exact offset to continue from, so there is no group to join and nothing to skip,
 * and a batch of records costs one call into the engine instead of one listener invocation with message building
 * and header mapping per record. Nothing is committed; every activation reads the compacted topic anew.
 */
final class ConfigFollower implements AutoCloseable {

    /** Receives the records of one poll, in offset order per partition, and a failure of the follower itself. */
    interface BatchHandler {
        void onBatch(Iterable<ConsumerRecord<String, byte[]>> records);

        void onFollowerFailure(RuntimeException failure);
    }

    private static final Logger log = LoggerFactory.getLogger(ConfigFollower.class);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final String topic;
    private final Duration pollTimeout;
    private final BatchHandler handler;

    private Thread thread;
    private Consumer<String, byte[]> consumer;
    private volatile boolean running;

    ConfigFollower(Supplier<Consumer<String, byte[]>> consumers, String topic, Duration pollTimeout,
                   BatchHandler handler) {
        this.consumers = consumers;
        this.topic = topic;
        this.pollTimeout = pollTimeout;
        this.handler = handler;
    }

    /** Starts following from {@code positions} (partition → next offset); stops a previous follow first. */
    synchronized void start(Map<Integer, Long> positions) {
        stop();
        consumer = consumers.get();
        Consumer<String, byte[]> polled = consumer;
        running = true;
        thread = Thread.ofPlatform().name("config-follower").daemon().start(() -> follow(polled, positions));
    }

    /** Stops the loop and waits for the batch in hand to finish; the engine sees no record after this returns. */
    synchronized void stop() {
        if (thread == null) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            if (!thread.join(JOIN_TIMEOUT)) {
                throw new IllegalStateException("config follower did not stop within " + JOIN_TIMEOUT);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the config follower", interrupted);
        }
        thread = null;
        consumer = null;
    }

    synchronized boolean isFollowing() {
        return thread != null && thread.isAlive();
    }

    private void follow(Consumer<String, byte[]> polled, Map<Integer, Long> positions) {
        try (polled) {
            List<TopicPartition> partitions = positions.keySet().stream()
                    .map(partition -> new TopicPartition(topic, partition)).toList();
            polled.assign(partitions);
            positions.forEach((partition, offset) -> polled.seek(new TopicPartition(topic, partition), offset));
            log.info("Following {} from {}", topic, positions);
            while (running) {
                ConsumerRecords<String, byte[]> records = polled.poll(pollTimeout);
                if (!records.isEmpty()) {
                    handler.onBatch(records);
                }
            }
        } catch (WakeupException stopping) {
            log.debug("Config follower woken up to stop");
        } catch (RuntimeException failure) {
            if (running) {
                handler.onFollowerFailure(failure);
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
