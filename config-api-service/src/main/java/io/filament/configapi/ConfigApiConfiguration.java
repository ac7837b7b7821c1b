package io.filament.configapi;

import com.datastax.oss.driver.api.core.CqlSession;
import io.filament.configapi.command.CommandHandler;
import io.filament.configapi.command.DefaultObjects;
import io.filament.configapi.door.CommandDoor;
import io.filament.configapi.error.ConflictException;
import io.filament.configapi.outbox.CloudEventRecords;
import io.filament.configapi.outbox.CommitsUnderWay;
import io.filament.configapi.outbox.OutboxRelay;
import io.filament.configapi.outbox.TopicProvisioner;
import io.filament.configapi.registry.TypeRegistry;
import io.filament.configapi.service.ConfigCommandService;
import io.filament.configapi.service.RequestBodies;
import io.filament.configapi.store.CassandraConfigStore;
import io.filament.configapi.store.CassandraSchema;
import io.filament.configapi.store.StageTimers;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Wires the store, the handler, the two doors and the outbox relay. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConfigApiProperties.class)
class ConfigApiConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ConfigApiConfiguration.class);

    private final String instance = "config-api-" + UUID.randomUUID();

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TypeRegistry typeRegistry() {
        return TypeRegistry.tungstenFabric();
    }

    @Bean
    CommandHandler commandHandler(TypeRegistry registry, Clock clock) {
        return new CommandHandler(registry, clock, UUID::randomUUID);
    }

    @Bean
    StageTimers stageTimers(MeterRegistry registry) {
        return new StageTimers(registry);
    }

    @Bean
    CassandraConfigStore configStore(CqlSession session, ConfigApiProperties p, JsonMapper json, Clock clock,
                                     StageTimers timers) {
        CassandraSchema.create(session, p.keyspace(), p.replicationFactor());
        return new CassandraConfigStore(session, p.keyspace(), json, clock, p.outboxShards(), p.claimGrace(), timers);
    }

    @Bean(destroyMethod = "close")
    Producer<String, byte[]> kafkaProducer(ConfigApiProperties p) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, p.kafkaBootstrap(),
                ProducerConfig.CLIENT_ID_CONFIG, instance,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000),
                new StringSerializer(), new ByteArraySerializer());
    }

    @Bean(destroyMethod = "close")
    Admin kafkaAdmin(ConfigApiProperties p) {
        return Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, p.kafkaBootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    @Bean
    TopicProvisioner topicProvisioner(Admin admin, ConfigApiProperties p) {
        return new TopicProvisioner(admin, p.eventsTopic(), p.snapshotsTopic(), p.commandsTopic(),
                p.topicPartitions());
    }

    @Bean
    CommitsUnderWay commitsUnderWay() {
        return new CommitsUnderWay();
    }

    @Bean
    OutboxRelay outboxRelay(CassandraConfigStore store, Producer<String, byte[]> producer, JsonMapper json,
                            TopicProvisioner topics, ConfigApiProperties p, Clock clock, MeterRegistry registry,
                            CommitsUnderWay underWay) {
        return new OutboxRelay(store, producer, new CloudEventRecords(json, p.source(), p.eventsTopic(),
                p.snapshotsTopic()), topics, clock, instance, registry, underWay);
    }

    @Bean
    io.filament.configapi.outbox.OutboxHealthIndicator outboxHealthIndicator(OutboxRelay relay) {
        return new io.filament.configapi.outbox.OutboxHealthIndicator(relay);
    }

    @Bean
    ConfigCommandService configCommandService(CommandHandler handler, CassandraConfigStore store, OutboxRelay relay,
                                              CommitsUnderWay underWay, StageTimers timers) {
        ConfigCommandService service = new ConfigCommandService(handler, store, relay::committed, underWay, timers);
        for (var command : DefaultObjects.commands()) {
            boolean present = store.find(command.type(), TypeRegistry.fqNameOf(command.body())).isPresent();
            if (!present) {
                try {
                    service.execute(command, Optional.empty());
                    log.info("Created default {} {}", command.type().dashed(), command.body().get("fq_name"));
                } catch (ConflictException e) {
                    log.info("Default {} created concurrently by another instance", command.type().dashed());
                }
            }
        }
        return service;
    }

    @Bean
    RequestBodies requestBodies(TypeRegistry registry, JsonMapper json) {
        return new RequestBodies(registry, json);
    }

    @Bean
    io.filament.configapi.rest.RestSettings restSettings(ConfigApiProperties p) {
        return new io.filament.configapi.rest.RestSettings(p.maxBodySize().toBytes());
    }

    @Bean
    CommandDoor commandDoor(ConfigApiProperties p, Producer<String, byte[]> producer, ConfigCommandService service,
                            RequestBodies bodies, JsonMapper json, Clock clock) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, p.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, p.commandGroup(),
                ConsumerConfig.CLIENT_ID_CONFIG, instance + "-commands",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100),
                new StringDeserializer(), new ByteArrayDeserializer());
        return new CommandDoor(consumer, producer, service, bodies, json, clock, p.commandsTopic(), p.eventsTopic(),
                p.source());
    }

    @Bean
    BackgroundThreads backgroundThreads(OutboxRelay relay, CommandDoor door) {
        return new BackgroundThreads(relay, door);
    }
}
