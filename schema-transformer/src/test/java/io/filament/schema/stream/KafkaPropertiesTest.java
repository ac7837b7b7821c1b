package io.filament.schema.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KafkaPropertiesTest {

    private static SchemaTransformerProperties.Kafka kafka(String compression) {
        return new SchemaTransformerProperties.Kafka(500, Duration.ofMillis(500), Duration.ofMillis(2), 262_144,
                compression);
    }

    @Test
    void everyCompressionTheKafkaProducerKnowsIsAccepted() {
        for (String compression : new String[] {"none", "gzip", "snappy", "lz4", "zstd"}) {
            assertThat(kafka(compression).producerCompression()).isEqualTo(compression);
        }
    }

    @Test
    void anUnknownCompressionIsRejectedWithThePropertyAndTheChoices() {
        assertThatThrownBy(() -> kafka("LZ4"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("filament.schema.kafka.producer-compression=LZ4: expected one of none, gzip, snappy, "
                        + "lz4, zstd");
    }
}
