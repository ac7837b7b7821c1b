package io.filament.testsupport;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.time.Duration;
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

    /**
     * A CQL session to the local node with timeouts fit for tests on a busy machine: schema changes
     * (keyspaces, tables) can take several seconds there, far beyond the driver's 2 s default.
     */
    public CqlSession cqlSession() {
        DriverConfigLoader loader = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
                .build();
        return CqlSession.builder()
                .addContactPoint(cassandraContactPoint)
                .withLocalDatacenter(localDatacenter)
                .withConfigLoader(loader)
                .build();
    }

    /**
     * A keyspace name no other test uses: {@code it_<prefix>_<random>}, valid CQL (lowercase, ≤ 48 chars).
     * The keyspace is dropped when this JVM's test run ends.
     */
    public String uniqueKeyspace(String prefix) {
        String clean = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String name = "it_" + clean + "_" + randomSuffix();
        return IssuedNames.keyspace(name.length() <= 48 ? name : name.substring(0, 48));
    }

    /** A topic name no other test uses: {@code <base>.it-<random>}; deleted (with its DLQ) when the test run ends. */
    public String uniqueTopic(String base) {
        return IssuedNames.topic(base + ".it-" + randomSuffix());
    }

    private static String randomSuffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
