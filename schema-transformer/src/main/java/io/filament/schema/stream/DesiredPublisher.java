package io.filament.schema.stream;

import io.filament.schema.desired.CanonicalJson;
import io.filament.schema.desired.DesiredChange;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Sends desired records to the {@code desired-out-0} binding ({@code filament.desired.v1}): the canonical JSON
 * value, or a tombstone, keyed {@code <type>/<id>}, with CloudEvents headers whose id is derived from key and
 * value so that a re-send of the same record carries the same id.
 */
public final class DesiredPublisher {

    static final String BINDING = "desired-out-0";

    private final StreamBridge bridge;

    public DesiredPublisher(StreamBridge bridge) {
        this.bridge = bridge;
    }

    public void publish(DesiredChange change) {
        byte[] value = change instanceof DesiredChange.Upsert(var record) ? CanonicalJson.bytes(record) : null;
        publish(change.key(), value);
    }

    /** Header values as raw UTF-8 bytes, as CloudEvents binary mode wants them (not JSON-quoted). */
    static byte[] raw(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    public void publish(String key, byte[] value) {
        String type = key.substring(0, key.indexOf('/'));
        byte[] identity = (key + "\n" + (value == null ? "" : new String(value, StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8);
        Message<?> message = MessageBuilder.withPayload(value == null ? KafkaNull.INSTANCE : value)
                .setHeader(KafkaHeaders.KEY, key)
                .setHeader("ce_specversion", raw("1.0"))
                .setHeader("ce_id", raw(UUID.nameUUIDFromBytes(identity).toString()))
                .setHeader("ce_source", raw("/filament/schema-transformer"))
                .setHeader("ce_type", raw("io.filament.desired." + type + (value == null ? ".deleted" : ".updated")))
                .setHeader("ce_subject", raw(key.substring(key.indexOf('/') + 1)))
                .setHeader("content-type", raw("application/json"))
                .build();
        if (!bridge.send(BINDING, message)) {
            throw new IllegalStateException("desired record " + key + " was not accepted by binding " + BINDING);
        }
    }
}
