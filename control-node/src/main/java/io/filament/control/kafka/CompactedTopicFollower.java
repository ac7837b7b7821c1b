package io.filament.control.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Reads a compacted topic from its first offset and then follows it, on its own thread ("kafka-&lt;topic&gt;").
 *
 * <p>A plain consumer instead of a Spring Cloud Stream binding, on purpose: every control node must hold the whole
 * config, so it assigns itself all partitions and starts from the beginning on every start, with no consumer
 * group and no committed offsets — a group subscription would share partitions between control nodes.
 */
public final class CompactedTopicFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CompactedTopicFollower.class);
    private static final int TOPIC_WAIT_ATTEMPTS = 600;

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Consumer<List<ConsumerRecord<String, byte[]>>> handler;
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean running = true;

    public CompactedTopicFollower(String bootstrapServers, String topic,
                                  Consumer<List<ConsumerRecord<String, byte[]>>> handler) {
        this.topic = topic;
        this.handler = handler;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "control-node-" + topic);
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "kafka-" + topic);
        this.thread.setDaemon(true);
    }

    public CompactedTopicFollower start() {
        thread.start();
        return this;
    }

    /** Completes once everything that was in the topic at start has been handed to the handler. */
    public CompletableFuture<Void> caughtUp() {
        return caughtUp;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running) {
                List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
                consumer.poll(Duration.ofMillis(500)).forEach(batch::add);
                if (!batch.isEmpty()) {
                    handler.accept(batch);
                }
                if (!caughtUp.isDone() && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    log.info("caught up with {}", topic);
                    caughtUp.complete(null);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                caughtUp.completeExceptionally(e);
            }
        } catch (RuntimeException e) {
            log.error("following {} stopped", topic, e);
            caughtUp.completeExceptionally(e);
        } finally {
            consumer.close();
        }
    }

    private List<TopicPartition> partitions() {
        for (int attempt = 0; attempt < TOPIC_WAIT_ATTEMPTS && running; attempt++) {
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // The topic does not exist yet, or the broker is slow to answer: both pass, so keep waiting.
            }
            log.info("waiting for topic {} to exist", topic);
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
        throw new IllegalStateException("topic " + topic + " did not appear");
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
