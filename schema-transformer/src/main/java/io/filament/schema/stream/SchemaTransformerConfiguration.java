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
import java.util.function.Consumer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;

/** Wires Cassandra, the lease, the projection engine and the Spring Cloud Stream bindings. */
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

    @Bean
    DesiredPublisher desiredPublisher(StreamBridge bridge) {
        return new DesiredPublisher(bridge);
    }

    @Bean
    DeadLetterPublisher deadLetterPublisher(StreamBridge bridge, MeterRegistry registry) {
        return new DeadLetterPublisher(bridge, registry);
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
                                      DesiredPublisher publisher, DeadLetterPublisher deadLetters,
                                      LeaderElection election) {
        var reader = new ConfigTopicReader(properties.kafkaBootstrapServers(), Duration.ofMinutes(2));
        return new ProjectionEngine(properties.topics(), reader, store, publisher, deadLetters, election::isLeader);
    }

    @Bean
    ActiveStandbyCoordinator activeStandbyCoordinator(ProjectionEngine engine, BindingsLifecycleController bindings,
                                                      LeaderElection election) {
        return new ActiveStandbyCoordinator(engine, bindings, election);
    }

    /** The functional binding {@code config-in-0}: every record of {@code filament.config.v1}. */
    @Bean
    Consumer<Message<?>> config(ProjectionEngine engine) {
        return message -> {
            var headers = message.getHeaders();
            Object payload = message.getPayload();
            engine.onRecord(
                    headers.get(KafkaHeaders.RECEIVED_PARTITION, Integer.class),
                    headers.get(KafkaHeaders.OFFSET, Long.class),
                    (String) headers.get(KafkaHeaders.RECEIVED_KEY),
                    payload instanceof KafkaNull ? null : (byte[]) payload);
        };
    }

    @Bean
    TransformerHealthIndicator transformerHealthIndicator(ProjectionEngine engine,
                                                          ActiveStandbyCoordinator coordinator) {
        return new TransformerHealthIndicator(engine, coordinator);
    }
}
