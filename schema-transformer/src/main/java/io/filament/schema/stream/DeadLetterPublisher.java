package io.filament.schema.stream;

import io.filament.schema.config.ConfigRecordRejected;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Sends a config record that could not be parsed, unchanged, to the {@code dead-letter-out-0} binding
 * ({@code filament.config.v1.dlq}) with the reason and its origin in headers, and counts it in
 * {@code filament_schema_dlq_records_total}.
 */
public final class DeadLetterPublisher {

    static final String BINDING = "dead-letter-out-0";
    public static final String REASON_HEADER = "x-filament-dlq-reason";
    public static final String FIELD_HEADER = "x-filament-dlq-field";
    public static final String ORIGIN_HEADER = "x-filament-dlq-origin";
    public static final String METRIC = "filament.schema.dlq.records";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final StreamBridge bridge;
    private final Counter counter;

    public DeadLetterPublisher(StreamBridge bridge, MeterRegistry registry) {
        this.bridge = bridge;
        this.counter = Counter.builder(METRIC)
                .description("Config records the schema transformer could not parse and sent to the dead-letter topic")
                .register(registry);
    }

    public void publish(String key, byte[] value, String origin, ConfigRecordRejected rejected) {
        counter.increment();
        log.info("Config record {} at {} rejected: {}", key, origin, rejected.getMessage());
        var message = MessageBuilder.withPayload(value == null ? KafkaNull.INSTANCE : value)
                .setHeader(KafkaHeaders.KEY, key == null ? "" : key)
                .setHeader(REASON_HEADER, DesiredPublisher.raw(rejected.getMessage()))
                .setHeader(FIELD_HEADER, DesiredPublisher.raw(rejected.field()))
                .setHeader(ORIGIN_HEADER, DesiredPublisher.raw(origin))
                .build();
        if (!bridge.send(BINDING, message)) {
            throw new IllegalStateException("dead letter for " + key + " was not accepted by binding " + BINDING);
        }
    }
}
