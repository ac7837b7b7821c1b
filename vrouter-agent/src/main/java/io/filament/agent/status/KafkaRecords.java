package io.filament.agent.status;

import io.filament.contracts.status.EncodedRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A status or flow record of the shared format as a Kafka producer record (key, CloudEvents headers, value). */
final class KafkaRecords {

    private KafkaRecords() {
    }

    static ProducerRecord<String, byte[]> of(String topic, EncodedRecord encoded) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, encoded.key(), encoded.value());
        encoded.headers().forEach((name, bytes) -> record.headers().add(name, bytes));
        return record;
    }
}
