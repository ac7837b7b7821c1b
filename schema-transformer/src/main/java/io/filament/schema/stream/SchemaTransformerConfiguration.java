package io.filament.schema.stream;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.filament.schema.lease.CassandraLeaseStore;
import io.filament.schema.lease.LeaderElection;
import io.filament.schema.routing.CassandraRouteTargetStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires Cassandra, the lease, the projection engine and its Kafka consumer and producer. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SchemaTransformerProperties.class)
class SchemaTransformerConfiguration {

    @Bean(destroyMethod = "close")
    CqlSession cqlSession(SchemaTransformerProperties properties) {
        var cassandra = properties.cassandra();
        DriverConfigLoader loader = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, cassandra.requestTimeout())
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, cassandra.requestTimeout())
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                .build();
        CqlSession session = CqlSession.builder()
                .addContactPoint(cassandra.contactAddress())
                .withLocalDatacenter(cassandra.localDatacenter())
                .withConfigLoader(loader)
                .build();
        CassandraRouteTargetStore.createSchema(session, cassandra.keyspace(), cassandra.replicationFactor());
        CassandraLeaseStore.createSchema(session, cassandra.keyspace());
        return session;
    }

    @Bean
    CassandraRouteTargetStore routeTargetStore(CqlSession session, SchemaTransformerProperties properties) {
        return new CassandraRouteTargetStore(session, properties.cassandra().keyspace());
    }

    /** The one producer for the desired and dead-letter topics (see {@link KafkaOutput} for why a plain client). */
    @Bean(destroyMethod = "close")
    KafkaOutput kafkaOutput(SchemaTransformerProperties properties) {
        new TopicProvisioner(properties.kafkaBootstrapServers(), Duration.ofSeconds(30)).ensure(properties.topics());
        var kafka = properties.kafka();
        Properties producer = new Properties();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafkaBootstrapServers());
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        producer.put(ProducerConfig.LINGER_MS_CONFIG, (int) kafka.producerLinger().toMillis());
        producer.put(ProducerConfig.BATCH_SIZE_CONFIG, kafka.producerBatch());
        producer.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, kafka.producerCompression());
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, "schema-transformer-" + UUID.randomUUID());
        return new KafkaOutput(() -> new KafkaProducer<>(producer, new StringSerializer(), new ByteArraySerializer()));
    }

    @Bean
    LeaderElection leaderElection(CqlSession session, SchemaTransformerProperties properties) {
        var lease = properties.lease();
        String owner = lease.owner().isEmpty() ? "schema-transformer-" + UUID.randomUUID() : lease.owner();
        return new LeaderElection(new CassandraLeaseStore(session, properties.cassandra().keyspace(), lease.name()),
                owner, lease.ttl(), lease.renewInterval(), Clock.systemUTC());
    }

    @Bean
    ProjectionEngine projectionEngine(SchemaTransformerProperties properties, CassandraRouteTargetStore store,
                                      KafkaOutput output, MeterRegistry registry, LeaderElection election) {
        var topics = properties.topics();
        var reader = new ConfigTopicReader(properties.kafkaBootstrapServers(), Duration.ofMinutes(2));
        return new ProjectionEngine(topics, reader, store, output, new DesiredPublisher(topics.desired()),
                new DeadLetterPublisher(topics.deadLetter(), registry), election::isLeader);
    }

    /** Follows {@code filament.config.v1} after activation; see {@link ConfigFollower} for why a plain client. */
    @Bean
    ConfigFollower configFollower(SchemaTransformerProperties properties, ProjectionEngine engine) {
        var kafka = properties.kafka();
        Properties consumer = new Properties();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafkaBootstrapServers());
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, kafka.maxPollRecords());
        consumer.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return new ConfigFollower(
                () -> new KafkaConsumer<>(consumer, new StringDeserializer(), new ByteArrayDeserializer()),
                properties.topics().config(), kafka.pollTimeout(), engine);
    }

    @Bean
    ActiveStandbyCoordinator activeStandbyCoordinator(ProjectionEngine engine, ConfigFollower follower,
                                                      LeaderElection election) {
        return new ActiveStandbyCoordinator(engine, follower, election);
    }

    @Bean
    TransformerHealthIndicator transformerHealthIndicator(ProjectionEngine engine,
                                                          ActiveStandbyCoordinator coordinator) {
        return new TransformerHealthIndicator(engine, coordinator);
    }
}
