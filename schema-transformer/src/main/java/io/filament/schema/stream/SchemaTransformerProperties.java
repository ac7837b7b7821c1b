package io.filament.schema.stream;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.record.CompressionType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the schema transformer ({@code filament.schema.*}).
 *
 * @param kafkaBootstrapServers the Kafka brokers of the config, desired and dead-letter topics
 * @param topics                the config, desired and dead-letter topics
 * @param cassandra             where route-target claims and the lease live
 * @param lease                 active/standby lease timing
 * @param kafka                 consumer and producer tuning
 */
@ConfigurationProperties("filament.schema")
public record SchemaTransformerProperties(
        @DefaultValue("127.0.0.1:9092") String kafkaBootstrapServers,
        @DefaultValue Topics topics,
        @DefaultValue Cassandra cassandra,
        @DefaultValue Lease lease,
        @DefaultValue Kafka kafka) {

    public record Topics(
            @DefaultValue("filament.config.v1") String config,
            @DefaultValue("filament.desired.v1") String desired,
            @DefaultValue("filament.config.v1.dlq") String deadLetter) {
    }

    /**
     * @param contactPoint      {@code host:port} of a Cassandra node
     * @param localDatacenter   the driver's local datacenter
     * @param keyspace          the transformer's own keyspace, created if absent
     * @param replicationFactor SimpleStrategy replication when the keyspace is created
     */
    public record Cassandra(
            @DefaultValue("127.0.0.1:9042") String contactPoint,
            @DefaultValue("datacenter1") String localDatacenter,
            @DefaultValue("filament_schema") String keyspace,
            @DefaultValue("1") int replicationFactor,
            @DefaultValue("30s") Duration requestTimeout) {

        public Cassandra {
            if (!keyspace.matches("[a-z][a-z0-9_]{0,47}")) {
                throw new IllegalArgumentException("filament.schema.cassandra.keyspace=" + keyspace
                        + ": expected a lowercase CQL identifier of at most 48 characters");
            }
        }

        public InetSocketAddress contactAddress() {
            int colon = contactPoint.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("filament.schema.cassandra.contact-point=" + contactPoint
                        + ": expected host:port");
            }
            return new InetSocketAddress(contactPoint.substring(0, colon),
                    Integer.parseInt(contactPoint.substring(colon + 1)));
        }
    }

    /**
     * @param name          the lease row shared by all instances of one transformer deployment
     * @param owner         this instance's identity; a random one when empty
     * @param ttl           how long a lease lives without renewal (takeover happens within ttl + renewInterval)
     * @param renewInterval how often the holder renews and a standby tries to acquire
     */
    public record Lease(
            @DefaultValue("schema-transformer") String name,
            @DefaultValue("") String owner,
            @DefaultValue("5s") Duration ttl,
            @DefaultValue("1s") Duration renewInterval) {
    }

    /**
     * @param maxPollRecords how many config records one poll, and so one published batch, holds at most
     * @param pollTimeout    how long a poll waits for records before checking whether to stop
     * @param producerLinger how long the producer waits to fill a batch; the records of one poll are sent together
     * @param producerBatch  the producer's batch size per partition
     * @param producerCompression how the producer compresses its batches: {@code none}, {@code gzip},
     *                       {@code snappy}, {@code lz4} or {@code zstd}. Desired records are JSON with much
     *                       repetition (a network's ACL is several kilobytes): compressed, the desired topic grows
     *                       about five times slower, so the broker handles fewer bytes and its compaction comes
     *                       that much less often. Snappy reuses its buffers, where the producer's lz4 stream
     *                       allocates two 64 KiB arrays per batch
     */
    public record Kafka(
            @DefaultValue("500") int maxPollRecords,
            @DefaultValue("500ms") Duration pollTimeout,
            @DefaultValue("2ms") Duration producerLinger,
            @DefaultValue("262144") int producerBatch,
            @DefaultValue("snappy") String producerCompression) {

        /** Kafka's own names of its codecs, in its order: none, gzip, snappy, lz4, zstd. */
        private static final List<String> COMPRESSIONS = Arrays.stream(CompressionType.values())
                .map(type -> type.name).toList();

        public Kafka {
            if (maxPollRecords < 1) {
                throw new IllegalArgumentException("filament.schema.kafka.max-poll-records=" + maxPollRecords
                        + ": expected at least 1");
            }
            if (producerBatch < 1024) {
                throw new IllegalArgumentException("filament.schema.kafka.producer-batch=" + producerBatch
                        + ": expected at least 1024 bytes");
            }
            if (!COMPRESSIONS.contains(producerCompression)) {
                throw new IllegalArgumentException("filament.schema.kafka.producer-compression=" + producerCompression
                        + ": expected one of " + String.join(", ", COMPRESSIONS));
            }
        }
    }
}
