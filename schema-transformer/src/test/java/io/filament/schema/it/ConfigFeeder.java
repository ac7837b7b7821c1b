package io.filament.schema.it;

import io.filament.schema.fixtures.ConfigSnapshots.Snapshot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Produces config snapshots onto a test's config topic the way config-api does: CloudEvents binary mode. */
final class ConfigFeeder implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    ConfigFeeder(TestTopics topics) {
        this.topic = topics.config();
        var properties = new java.util.Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    void send(Snapshot snapshot) {
        sendRaw(snapshot.key(), snapshot.value());
    }

    void sendRaw(String key, byte[] value) {
        String type = key.substring(0, key.indexOf('/'));
        var record = new ProducerRecord<>(topic, key, value);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_source", "/filament/config-api");
        header(record, "ce_type", "io.filament.config." + type + (value == null ? ".deleted" : ".updated"));
        header(record, "ce_subject", key.substring(key.indexOf('/') + 1));
        header(record, "ce_time", Instant.now().toString());
        header(record, "content-type", "application/json");
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot produce " + key + ": " + e.getCause(), e);
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
