package io.filament.configapi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.filament.configapi.it.RunningConfigApi.Topics;
import io.filament.contracts.config.CloudEventHeaders;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@LocalInfrastructureTest
class CommandDoorIT {

    private final LocalInfrastructure infra;

    CommandDoorIT(LocalInfrastructure infra) {
        this.infra = infra;
    }

    private void send(String topic, String key, String value, String correlationId) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            record.headers().add(CloudEventHeaders.CORRELATION_ID, correlationId.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }

    private Optional<ConsumerRecord<String, byte[]>> answer(Topics topics, String correlationId, String type) {
        return TopicReader.readAll(infra.kafkaBootstrapServers(), topics.events()).stream()
                .filter(r -> TopicReader.header(r, CloudEventHeaders.CORRELATION_ID).filter(correlationId::equals)
                        .isPresent())
                .filter(r -> TopicReader.header(r, CloudEventHeaders.TYPE).filter(type::equals).isPresent())
                .findFirst();
    }

    @Test
    void commandOnTheTopicIsAppliedByTheSameHandlerAndAnsweredByAnEventCarryingItsCorrelationId()
            throws Exception {
        Topics topics = Topics.unique(infra);
        try (RunningConfigApi api = RunningConfigApi.start(infra, infra.kafkaBootstrapServers(),
                infra.uniqueKeyspace("config_commands"), topics, Map.of())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> TopicReader.readAll(infra.kafkaBootstrapServers(),
                    topics.events()).size() >= 5);

            send(topics.commands(), "default-domain:door", "{\"operation\": \"create\", \"type\": \"project\", "
                    + "\"body\": {\"project\": {\"fq_name\": [\"default-domain\", \"door\"]}}}", "corr-create-1");
            send(topics.commands(), "default-domain:door:x", "{\"operation\": \"create\", \"type\": "
                    + "\"virtual-network\", \"body\": {\"virtual-network\": {\"fq_name\": [\"default-domain\", "
                    + "\"door\", \"x\"], \"parent_type\": \"domain\"}}}", "corr-bad-2");

            ConsumerRecord<String, byte[]> created = await().atMost(Duration.ofSeconds(60))
                    .until(() -> answer(topics, "corr-create-1", "io.filament.config.project.created"), Optional::isPresent).orElseThrow();
            assertThat(TopicReader.header(created, CloudEventHeaders.TYPE)).contains("io.filament.config.project.created");
            JsonNode event = RunningConfigApi.JSON.readTree(created.value());
            assertThat(event.get("object").get("fq_name").toString()).isEqualTo("[\"default-domain\",\"door\"]");
            assertThat(api.post("/fqname-to-id", "{\"type\": \"project\", \"fq_name\": [\"default-domain\", "
                    + "\"door\"]}").json().get("uuid").asString()).isEqualTo(event.get("uuid").asString());

            ConsumerRecord<String, byte[]> rejected = await().atMost(Duration.ofSeconds(60))
                    .until(() -> answer(topics, "corr-bad-2", CloudEventHeaders.COMMAND_REJECTED), Optional::isPresent).orElseThrow();
            assertThat(TopicReader.header(rejected, CloudEventHeaders.TYPE)).contains(CloudEventHeaders.COMMAND_REJECTED);
            JsonNode reason = RunningConfigApi.JSON.readTree(rejected.value());
            assertThat(reason.get("status").asInt()).isEqualTo(400);
            assertThat(reason.get("reason").asString()).contains("Invalid parent_type domain");
            assertThat(api.post("/fqname-to-id", "{\"type\": \"virtual-network\", \"fq_name\": [\"default-domain\", "
                    + "\"door\", \"x\"]}").status()).isEqualTo(404);
            List<ConsumerRecord<String, byte[]>> all = TopicReader.readAll(infra.kafkaBootstrapServers(),
                    topics.events());
            assertThat(all.stream().filter(r -> TopicReader.header(r, CloudEventHeaders.CORRELATION_ID)
                    .filter("corr-bad-2"::equals).isPresent())).hasSize(1);
        }
    }
}
