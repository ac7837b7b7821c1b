package io.filament.analytics;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the analytics service, under {@code filament.analytics}.
 *
 * @param kafkaBootstrapServers the broker list
 * @param groupId               consumer group of the storage consumers; instances with the same id share partitions
 * @param keyspace              Cassandra keyspace
 * @param replicationFactor     replication factor used when the keyspace is created
 * @param topics                topic names
 * @param ttl                   how long each kind of data is kept
 * @param ingest                limits of the consumers
 * @param alarms                alarm thresholds
 * @param stream                UVE stream limits
 * @param query                 query limits
 */
@ConfigurationProperties("filament.analytics")
public record AnalyticsProperties(String kafkaBootstrapServers, String groupId, String keyspace,
                                  int replicationFactor, Topics topics, Ttl ttl, Ingest ingest, Alarms alarms,
                                  Stream stream, Query query) {

    /**
     * @param status       UVE status records
     * @param flows        flow records
     * @param configEvents config events (for the realisation alarm)
     * @param partitions   partitions used when the service creates a missing topic
     */
    public record Topics(String status, String flows, String configEvents, int partitions) {
    }

    /** Time to live of stored rows; the disk bound of the analytics database. */
    public record Ttl(Duration objectHistory, Duration flows, Duration statistics) {
    }

    /**
     * @param maxRecordBytes  larger records are rejected to the dead-letter topic
     * @param maxPollRecords  records per poll
     * @param maxInFlight     concurrent Cassandra writes
     * @param retryBackoff    wait before a failed batch is written again
     */
    public record Ingest(int maxRecordBytes, int maxPollRecords, int maxInFlight, Duration retryBackoff) {
    }

    /**
     * @param dropRateThreshold     dropped packets per second of one vrouter above which it alarms
     * @param realisationThreshold  how long a config change may stay unrealised
     * @param trackedConfigTypes    config types whose realisation is tracked
     * @param evaluationInterval    period of the time-based alarm checks
     */
    public record Alarms(double dropRateThreshold, Duration realisationThreshold, List<String> trackedConfigTypes,
                         Duration evaluationInterval) {
    }

    /** @param queueCapacity pending events; @param maxClients concurrent stream clients */
    public record Stream(int queueCapacity, int maxClients) {
    }

    /** @param maxRows rows a query may read from storage before it is refused as too broad */
    public record Query(int maxRows, Duration timeout) {
    }
}
