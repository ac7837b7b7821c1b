package io.filament.testsupport;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.UUID;

/**
 * Addresses of the local Kafka broker and Cassandra node, and unique names so that tests do not see each
 * other's data.
 *
 * @param kafkaBootstrapServers the broker, {@code host:port}
 * @param cassandraContactPoint the CQL native transport address
 * @param localDatacenter       the datacenter name the driver must be given
 */
public record LocalInfrastructure(String kafkaBootstrapServers, InetSocketAddress cassandraContactPoint,
                                  String localDatacenter) {

    /** A keyspace name no other test uses: {@code it_<prefix>_<random>}, valid CQL (lowercase, ≤ 48 chars). */
    public String uniqueKeyspace(String prefix) {
        String clean = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String name = "it_" + clean + "_" + randomSuffix();
        return name.length() <= 48 ? name : name.substring(0, 48);
    }

    /** A topic name no other test uses: {@code <base>.it-<random>}. */
    public String uniqueTopic(String base) {
        return base + ".it-" + randomSuffix();
    }

    private static String randomSuffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
