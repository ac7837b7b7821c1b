package io.filament.analytics;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.filament.analytics.alarm.AlarmEvaluator;
import io.filament.analytics.alarm.ConfigRealisationRule;
import io.filament.analytics.flow.FlowRecordParser;
import io.filament.analytics.flow.FlowStore;
import io.filament.analytics.history.ObjectHistoryStore;
import io.filament.analytics.ingest.DeadLetters;
import io.filament.analytics.ingest.IngestHealth;
import io.filament.analytics.ingest.IngestLifecycle;
import io.filament.analytics.ingest.StatusReplica;
import io.filament.analytics.ingest.StorageIngest;
import io.filament.analytics.ingest.TopicProvisioner;
import io.filament.analytics.stats.StatStore;
import io.filament.analytics.status.StatusRecordParser;
import io.filament.analytics.store.BoundedWriter;
import io.filament.analytics.uve.InMemoryUveStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import tools.jackson.databind.json.JsonMapper;

/** Kafka clients and the two consumer threads. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    @Bean
    StatusRecordParser statusRecordParser(JsonMapper json, AnalyticsProperties properties) {
        return new StatusRecordParser(json, properties.ingest().maxRecordBytes());
    }

    @Bean
    FlowRecordParser flowRecordParser(JsonMapper json, AnalyticsProperties properties) {
        return new FlowRecordParser(json, properties.ingest().maxRecordBytes());
    }

    @Bean
    IngestLifecycle ingestLifecycle(AnalyticsProperties p, StatusRecordParser statusParser,
                                    FlowRecordParser flowParser, FlowStore flows, StatStore stats,
                                    ObjectHistoryStore history, BoundedWriter writer, InMemoryUveStore uves,
                                    AlarmEvaluator alarms, ConfigRealisationRule realisation, JsonMapper json,
                                    Clock clock, MeterRegistry meters) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, p.kafkaBootstrapServers()))) {
            TopicProvisioner.ensure(admin, p.topics());
        }
        KafkaProducer<byte[], byte[]> dlq = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, p.kafkaBootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, "analytics-dlq"), new ByteArraySerializer(), new ByteArraySerializer());
        KafkaConsumer<byte[], byte[]> storageConsumer = consumer(p, Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, p.groupId(),
                ConsumerConfig.CLIENT_ID_CONFIG, "analytics-storage-" + shortId(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, p.ingest().maxPollRecords()));
        KafkaConsumer<byte[], byte[]> replicaConsumer = consumer(p, Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "analytics-replica-" + shortId()));
        new KafkaClientMetrics(storageConsumer).bindTo(meters);
        StorageIngest storage = new StorageIngest(storageConsumer, p.topics().status(), statusParser, flowParser,
                new StorageIngest.Stores(flows, stats, history, writer), new DeadLetters(dlq, meters, List.of(p.topics().status(), p.topics().flows())),
                p.ingest().retryBackoff(), meters);
        storage.subscribe(List.of(p.topics().status(), p.topics().flows()));
        StatusReplica replica = new StatusReplica(replicaConsumer, p.topics().status(), p.topics().configEvents(),
                statusParser, uves, alarms, realisation, json, clock, p.alarms().evaluationInterval(),
                p.alarms().realisationThreshold().plusMinutes(10));
        return new IngestLifecycle(replica, storage, dlq);
    }

    @Bean
    IngestHealth analyticsIngestHealthIndicator(IngestLifecycle ingest) {
        return new IngestHealth(ingest);
    }

    private static KafkaConsumer<byte[], byte[]> consumer(AnalyticsProperties p, Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(extra);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, p.kafkaBootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
