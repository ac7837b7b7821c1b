package io.filament.configapi;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of config-api ({@code filament.config-api.*}).
 *
 * @param keyspace            Cassandra keyspace of the store, created when absent
 * @param replicationFactor   replication factor when the keyspace is created
 * @param kafkaBootstrap      Kafka bootstrap servers
 * @param eventsTopic         every accepted change
 * @param snapshotsTopic      compacted latest state
 * @param commandsTopic       the command door
 * @param topicPartitions     partitions when the topics are created
 * @param commandGroup        consumer group of the command door
 * @param outboxShards        outbox partitions; each is relayed by one instance at a time
 * @param maxBodySize         request bodies above this are refused with 413
 * @param source              {@code ce_source} of published events
 * @param claimGrace          a name, address or id claimed by a writer that never committed (it stopped in between)
 *                            is given back once it is this old; a commit never appends later than half of it
 */
@ConfigurationProperties("filament.config-api")
public record ConfigApiProperties(
        @DefaultValue("filament_config") String keyspace,
        @DefaultValue("1") int replicationFactor,
        @DefaultValue("127.0.0.1:9092") String kafkaBootstrap,
        @DefaultValue("filament.config.events.v1") String eventsTopic,
        @DefaultValue("filament.config.v1") String snapshotsTopic,
        @DefaultValue("filament.config.commands.v1") String commandsTopic,
        @DefaultValue("3") int topicPartitions,
        @DefaultValue("filament-config-api") String commandGroup,
        @DefaultValue("16") int outboxShards,
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("/filament/config-api") String source,
        @DefaultValue("120s") Duration claimGrace) {
}
