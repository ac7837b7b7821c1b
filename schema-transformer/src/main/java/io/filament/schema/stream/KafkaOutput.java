package io.filament.schema.stream;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transformer's one Kafka producer, for the desired and the dead-letter topic. A plain client rather than a
 * Spring Cloud Stream output binding: the binder builds, header-maps and sends every record on its own, which held
 * the transformer far below 1,000 config changes/s (docs/benchmarks.md); here the records derived from a whole poll
 * batch are handed over at once and the producer batches them (linger), while idempotence keeps the order per
 * partition, and so per key, across retries.
 *
 * <p>Sends are asynchronous; the first failed delivery is kept and reported by {@link #failure()} until
 * {@link #reopen()} replaces the producer. Called by one thread at a time (the projection engine's lock).
 */
final class KafkaOutput implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaOutput.class);

    private final Supplier<Producer<String, byte[]>> factory;
    private final AtomicReference<PublishFailed> failure = new AtomicReference<>();
    private Producer<String, byte[]> producer;

    KafkaOutput(Supplier<Producer<String, byte[]>> factory) {
        this.factory = factory;
        this.producer = factory.get();
    }

    /** Hands the records to the producer in order; delivery completes on the producer's I/O thread. */
    void send(List<ProducerRecord<String, byte[]>> records) {
        records.forEach(this::send);
    }

    void send(ProducerRecord<String, byte[]> record) {
        producer.send(record, (metadata, exception) -> {
            if (exception != null && failure.compareAndSet(null,
                    new PublishFailed(record.topic(), record.key(), exception))) {
                log.warn("Delivery of {} to {} failed: {}", record.key(), record.topic(), exception.toString());
            }
        });
    }

    /** Waits until everything sent so far is acknowledged or failed; throws the first failure. */
    void flush() {
        producer.flush();
        PublishFailed failed = failure.get();
        if (failed != null) {
            throw failed;
        }
    }

    /** The first delivery that failed since the producer was (re)opened. */
    Optional<PublishFailed> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** After a failed delivery: a fresh producer, so that no later record overtakes the lost one silently. */
    void reopen() {
        if (failure.get() == null) {
            return;
        }
        producer.close(Duration.ZERO);
        producer = factory.get();
        failure.set(null);
        log.info("Reopened the producer after a failed delivery");
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
