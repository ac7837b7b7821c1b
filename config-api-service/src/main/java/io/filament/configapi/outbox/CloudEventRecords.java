package io.filament.configapi.outbox;

import io.filament.contracts.config.CloudEventHeaders;
import io.filament.contracts.config.ConfigEvent;
import io.filament.contracts.config.ConfigSnapshot;
import io.filament.contracts.config.ConfigTopics;
import io.filament.configapi.store.StoredEvent;
import io.filament.contracts.config.ConfigOperation;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the CloudEvents (Kafka binary mode) of a committed event: one on the events topic (key uuid) and one on
 * the compacted snapshot topic (key {@code <type>/<uuid>}, tombstone on delete). {@code ce_id} is
 * {@code <uuid>.<version>}, so a record published twice is recognisably the same event.
 */
public final class CloudEventRecords {

    private final JsonMapper json;
    private final String source;
    private final String eventsTopic;
    private final String snapshotsTopic;

    public CloudEventRecords(JsonMapper json, String source, String eventsTopic, String snapshotsTopic) {
        this.json = json;
        this.source = source;
        this.eventsTopic = eventsTopic;
        this.snapshotsTopic = snapshotsTopic;
    }

    public ProducerRecord<String, byte[]> event(StoredEvent e) {
        JsonNode object = json.readTree(e.objectJson());
        ConfigEvent value = new ConfigEvent(e.type().dashed(), e.uuid(), e.version(), e.operation(),
                e.changedFields(), object);
        return new ProducerRecord<>(eventsTopic, null, e.uuid(), json.writeValueAsBytes(value), headers(e));
    }

    public ProducerRecord<String, byte[]> snapshot(StoredEvent e) {
        byte[] value = null;
        if (e.operation() != ConfigOperation.DELETED) {
            value = json.writeValueAsBytes(new ConfigSnapshot(e.type().dashed(), e.uuid(), e.version(), e.fqName(),
                    json.readTree(e.objectJson())));
        }
        return new ProducerRecord<>(snapshotsTopic, null, ConfigTopics.snapshotKey(e.type(), e.uuid()), value,
                headers(e));
    }

    private Headers headers(StoredEvent e) {
        return headers(e.uuid() + "." + e.version(), e.operation().cloudEventType(e.type()), e.uuid(),
                e.time().toString(), e.correlationId());
    }

    Headers headers(String id, String type, String subject, String time, Optional<String> correlationId) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, bytes(id));
        headers.add(CloudEventHeaders.SOURCE, bytes(source));
        headers.add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_VALUE));
        headers.add(CloudEventHeaders.TYPE, bytes(type));
        if (subject != null) {
            headers.add(CloudEventHeaders.SUBJECT, bytes(subject));
        }
        headers.add(CloudEventHeaders.TIME, bytes(time));
        headers.add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
        correlationId.ifPresent(c -> headers.add(CloudEventHeaders.CORRELATION_ID, bytes(c)));
        return headers;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
