package io.filament.agent.status;

import io.filament.contracts.event.BinaryModeHeaders;
import io.filament.contracts.event.EventEnvelope;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Builds CloudEvents binary-mode Kafka records (headers + JSON value) for status and flow records. */
final class KafkaRecords {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private KafkaRecords() {
    }

    static ProducerRecord<String, byte[]> record(String topic, String key, String source, String type, Instant time,
                                                 Map<String, Object> value) {
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(), source, type, Optional.of(key),
                Optional.of(time), EventEnvelope.SPEC_VERSION, Optional.of(EventEnvelope.APPLICATION_JSON),
                Optional.empty());
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, key,
                JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8));
        BinaryModeHeaders.write(envelope).forEach((name, bytes) -> r.headers().add(name, bytes));
        return r;
    }
}
