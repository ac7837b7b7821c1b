package io.filament.analytics.ingest;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Records that break the format go, unchanged and with the reason in headers, to {@code <topic>.dlq}; they
 * change no state. Only the storage consumer writes here, so each bad record is dead-lettered once per group.
 */
public final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    public static final String REASON_HEADER = "filament_dlq_reason";
    public static final String FIELD_HEADER = "filament_dlq_field";

    private final Producer<byte[], byte[]> producer;
    private final MeterRegistry meters;

    public DeadLetters(Producer<byte[], byte[]> producer, MeterRegistry meters, java.util.List<String> topics) {
        this.producer = producer;
        this.meters = meters;
        topics.forEach(this::rejectedCounter);
    }

    private Counter rejectedCounter(String topic) {
        return Counter.builder("filament.analytics.records.rejected").description("Records refused as malformed")
                .tag("topic", topic).register(meters);
    }

    public void reject(ConsumerRecord<byte[], byte[]> record, String field, String reason) {
        ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(record.topic() + ".dlq", null, record.key(),
                record.value(), record.headers());
        dead.headers().add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        dead.headers().add(FIELD_HEADER, field.getBytes(StandardCharsets.UTF_8));
        producer.send(dead, (metadata, error) -> {
            if (error != null) {
                log.warn("could not dead-letter a record of {}: {}", record.topic(), error.toString());
            }
        });
        rejectedCounter(record.topic()).increment();
        log.warn("rejected {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
    }
}
