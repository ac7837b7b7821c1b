package io.filament.testsupport;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Every keyspace and topic name handed to a test in this JVM, so that the end of the test run removes them:
 * a long test suite must not leave hundreds of keyspaces weighing on the shared Cassandra heap.
 */
final class IssuedNames {

    private static final Queue<String> KEYSPACES = new ConcurrentLinkedQueue<>();
    private static final Queue<String> TOPIC_PREFIXES = new ConcurrentLinkedQueue<>();

    private IssuedNames() {
    }

    static String keyspace(String name) {
        KEYSPACES.add(name);
        return name;
    }

    static String topic(String name) {
        TOPIC_PREFIXES.add(name);
        return name;
    }

    /** Drops the keyspaces and deletes the topics (and their {@code .dlq} topics) tests were given. */
    static void removeAll(LocalInfrastructure infrastructure) {
        if (!KEYSPACES.isEmpty()) {
            try (CqlSession session = infrastructure.cqlSession()) {
                for (String keyspace = KEYSPACES.poll(); keyspace != null; keyspace = KEYSPACES.poll()) {
                    session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
                }
            }
        }
        if (!TOPIC_PREFIXES.isEmpty()) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    infrastructure.kafkaBootstrapServers()))) {
                List<String> issued = List.copyOf(TOPIC_PREFIXES);
                TOPIC_PREFIXES.clear();
                List<String> doomed = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                        .filter(topic -> issued.stream().anyMatch(topic::startsWith)).toList();
                admin.deleteTopics(doomed).all().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("deleting the test topics failed: " + e.getMessage(), e);
            }
        }
    }
}
