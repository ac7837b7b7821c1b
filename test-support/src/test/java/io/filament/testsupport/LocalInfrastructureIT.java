package io.filament.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@LocalInfrastructureTest
class LocalInfrastructureIT {

    @Test
    void producesAndConsumesThroughTheRealBrokerInOrder(LocalInfrastructure infra) throws Exception {
        String topic = infra.uniqueTopic("filament.config.events.v1");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", infra.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        String key = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (int version = 1; version <= 3; version++) {
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, "{\"version\":" + version + "}");
                record.headers().add("ce_type", "io.filament.config.virtual-network.updated".getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }
        }
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, topic + ".reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < 3 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        assertThat(received).extracting(ConsumerRecord::value)
                .containsExactly("{\"version\":1}", "{\"version\":2}", "{\"version\":3}");
        assertThat(received).allSatisfy(record -> {
            assertThat(record.key()).isEqualTo(key);
            assertThat(new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                    .isEqualTo("io.filament.config.virtual-network.updated");
        });
    }

    @Test
    void writesAndReadsTheRealCassandraWithALightweightTransaction(LocalInfrastructure infra) {
        String keyspace = infra.uniqueKeyspace("support");
        try (CqlSession session = infra.cqlSession()) {
            assertThat(session.execute("SELECT release_version FROM system.local").one().getString(0)).startsWith("5.0.");
            session.execute("CREATE KEYSPACE " + keyspace
                    + " WITH replication = {'class':'SimpleStrategy','replication_factor':1}");
            session.execute("CREATE TABLE " + keyspace + ".objects (uuid uuid PRIMARY KEY, version bigint, body text)");
            UUID id = UUID.randomUUID();
            Row first = session.execute("INSERT INTO " + keyspace + ".objects (uuid, version, body) VALUES (?, 1, 'a') IF NOT EXISTS", id).one();
            Row second = session.execute("INSERT INTO " + keyspace + ".objects (uuid, version, body) VALUES (?, 1, 'b') IF NOT EXISTS", id).one();
            assertThat(first.getBoolean("[applied]")).isTrue();
            assertThat(second.getBoolean("[applied]")).isFalse();
            Row stored = session.execute("SELECT version, body FROM " + keyspace + ".objects WHERE uuid = ?", id).one();
            assertThat(stored.getLong("version")).isEqualTo(1);
            assertThat(stored.getString("body")).isEqualTo("a");
            session.execute("DROP KEYSPACE " + keyspace);
        }
    }

    @Test
    void uniqueNamesDifferPerCallAndAreValidCql(LocalInfrastructure infra) {
        String a = infra.uniqueKeyspace("config-api");
        String b = infra.uniqueKeyspace("config-api");
        assertThat(a).isNotEqualTo(b).matches("[a-z0-9_]{1,48}").startsWith("it_config_api_");
        assertThat(infra.uniqueTopic("filament.config.v1")).startsWith("filament.config.v1.it-");
    }
}
