package io.filament.schema.stream;

import io.filament.schema.desired.CanonicalJson;
import io.filament.schema.desired.DesiredChange;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Turns desired changes into records of {@code filament.desired.v1}: the canonical JSON value, or a tombstone, keyed
 * {@code <type>/<id>}, with CloudEvents binary-mode headers whose id is derived from key and value, so that a re-send
 * of the same record carries the same id.
 */
public final class DesiredPublisher {

    private static final Header SPEC_VERSION = new RecordHeader("ce_specversion", raw("1.0"));
    private static final Header SOURCE = new RecordHeader("ce_source", raw("/filament/schema-transformer"));
    private static final Header CONTENT_TYPE = new RecordHeader("content-type", raw("application/json"));

    private final String topic;

    public DesiredPublisher(String topic) {
        this.topic = topic;
    }

    public ProducerRecord<String, byte[]> record(DesiredChange change) {
        byte[] value = change instanceof DesiredChange.Upsert(var record) ? CanonicalJson.bytes(record) : null;
        return record(change.key(), value);
    }

    /** Header values as raw UTF-8 bytes, as CloudEvents binary mode wants them (not JSON-quoted). */
    static byte[] raw(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    public ProducerRecord<String, byte[]> record(String key, byte[] value) {
        int slash = key.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("desired record key " + key + ": expected <type>/<id>");
        }
        String type = key.substring(0, slash);
        List<Header> headers = List.of(
                SPEC_VERSION,
                new RecordHeader("ce_id", raw(eventId(key, value).toString())),
                SOURCE,
                new RecordHeader("ce_type", raw("io.filament.desired." + type
                        + (value == null ? ".deleted" : ".updated"))),
                new RecordHeader("ce_subject", raw(key.substring(slash + 1))),
                CONTENT_TYPE);
        return new ProducerRecord<>(topic, null, key, value, headers);
    }

    /**
     * The name-based (version 3) UUID of {@code key + "\n" + value}, as {@link UUID#nameUUIDFromBytes} gives it,
     * digested piece by piece instead of from a copy of the value: equal records, equal ids.
     */
    static UUID eventId(String key, byte[] value) {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("MD5 is not available in this JVM", missing);
        }
        md5.update(raw(key));
        md5.update((byte) '\n');
        if (value != null) {
            md5.update(value);
        }
        byte[] hash = md5.digest();
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x30);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bits = ByteBuffer.wrap(hash);
        return new UUID(bits.getLong(), bits.getLong());
    }
}
