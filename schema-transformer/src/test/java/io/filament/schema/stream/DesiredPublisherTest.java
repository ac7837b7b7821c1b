package io.filament.schema.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filament.schema.desired.CanonicalJson;
import io.filament.schema.desired.DesiredChange;
import io.filament.schema.desired.DesiredRecord;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class DesiredPublisherTest {

    private final DesiredPublisher publisher = new DesiredPublisher("filament.desired.v1");

    private static Map<String, String> headers(ProducerRecord<String, byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static DesiredRecord instance(String name, long version) {
        return new DesiredRecord(DesiredRecord.ROUTING_INSTANCE, name, Map.of("name", name,
                "derived_from", Map.of("virtual-network/u1", version)));
    }

    @Test
    void anUpsertCarriesCanonicalJsonAndCloudEventsHeadersAsRawText() {
        DesiredRecord record = instance("default-domain:demo:red:red", 3);

        ProducerRecord<String, byte[]> sent = publisher.record(new DesiredChange.Upsert(record));

        assertThat(sent.topic()).isEqualTo("filament.desired.v1");
        assertThat(sent.key()).isEqualTo("routing-instance/default-domain:demo:red:red");
        assertThat(sent.value()).isEqualTo(CanonicalJson.bytes(record));
        assertThat(headers(sent)).containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_source", "/filament/schema-transformer")
                .containsEntry("ce_type", "io.filament.desired.routing-instance.updated")
                .containsEntry("ce_subject", "default-domain:demo:red:red")
                .containsEntry("content-type", "application/json")
                .containsKey("ce_id");
    }

    @Test
    void theEventIdIsTheNameBasedUuidOfKeyAndValueSoAResendKeepsIt() {
        DesiredRecord record = instance("default-domain:demo:red:red", 3);
        String key = record.key();
        byte[] value = CanonicalJson.bytes(record);
        String expected = UUID.nameUUIDFromBytes((key + "\n" + new String(value, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8)).toString();

        String first = headers(publisher.record(new DesiredChange.Upsert(record))).get("ce_id");
        String again = headers(publisher.record(key, value)).get("ce_id");
        String changed = headers(publisher.record(new DesiredChange.Upsert(
                instance("default-domain:demo:red:red", 4)))).get("ce_id");

        assertThat(first).isEqualTo(expected).isEqualTo(again).isNotEqualTo(changed);
    }

    @Test
    void theDigestedEventIdEqualsTheJdksNameBasedUuidForValuesOfEverySize() {
        java.util.Random random = new java.util.Random(11);
        for (int size = 0; size < 3000; size += 97) {
            byte[] value = new byte[size];
            random.nextBytes(value);
            byte[] identity = new byte["k/1".length() + 1 + size];
            System.arraycopy("k/1\n".getBytes(StandardCharsets.UTF_8), 0, identity, 0, 4);
            System.arraycopy(value, 0, identity, 4, size);

            assertThat(DesiredPublisher.eventId("k/1", value)).isEqualTo(UUID.nameUUIDFromBytes(identity));
        }
        assertThat(DesiredPublisher.eventId("k/1", null))
                .isEqualTo(UUID.nameUUIDFromBytes("k/1\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aTombstoneHasNoValueAndADeletedType() {
        ProducerRecord<String, byte[]> sent = publisher.record(new DesiredChange.Tombstone("network-acl/a:b:c:c"));

        assertThat(sent.value()).isNull();
        assertThat(headers(sent)).containsEntry("ce_type", "io.filament.desired.network-acl.deleted")
                .containsEntry("ce_subject", "a:b:c:c");
    }

    @Test
    void aKeyWithoutATypeIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> publisher.record("no-type-here", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-type-here");
    }
}
