package io.filament.schema.stream;

import io.filament.schema.config.ConfigRecordRejected;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a config record that could not be parsed into a record of {@code filament.config.v1.dlq}: key and value
 * unchanged, the reason, the rejected field and the record's origin ({@code <topic>/<partition>/<offset>}) in
 * headers. Counts it in {@code filament_schema_dlq_records_total}.
 */
public final class DeadLetterPublisher {

    public static final String REASON_HEADER = "x-filament-dlq-reason";
    public static final String FIELD_HEADER = "x-filament-dlq-field";
    public static final String ORIGIN_HEADER = "x-filament-dlq-origin";
    public static final String METRIC = "filament.schema.dlq.records";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final String topic;
    private final Counter counter;

    public DeadLetterPublisher(String topic, MeterRegistry registry) {
        this.topic = topic;
        this.counter = Counter.builder(METRIC)
                .description("Config records the schema transformer could not parse and sent to the dead-letter topic")
                .register(registry);
    }

    public ProducerRecord<String, byte[]> record(String key, byte[] value, String origin,
                                                 ConfigRecordRejected rejected) {
        counter.increment();
        log.info("Config record {} at {} rejected: {}", key, origin, rejected.getMessage());
        return new ProducerRecord<>(topic, null, key == null ? "" : key, value, List.of(
                new RecordHeader(REASON_HEADER, DesiredPublisher.raw(rejected.getMessage())),
                new RecordHeader(FIELD_HEADER, DesiredPublisher.raw(rejected.field())),
                new RecordHeader(ORIGIN_HEADER, DesiredPublisher.raw(origin))));
    }
}
