package io.filament.schema.it;

import io.filament.testsupport.LocalInfrastructure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** The config, desired and dead-letter topics of one test, created compacted like the real ones. */
record TestTopics(String bootstrapServers, String config, String desired, String deadLetter) {

    static TestTopics create(LocalInfrastructure infrastructure) {
        String config = infrastructure.uniqueTopic("filament.config.v1");
        var topics = new TestTopics(infrastructure.kafkaBootstrapServers(), config,
                infrastructure.uniqueTopic("filament.desired.v1"), config + ".dlq");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers()))) {
            Map<String, String> compacted = Map.of("cleanup.policy", "compact");
            admin.createTopics(List.of(
                    new NewTopic(topics.config(), 1, (short) 1).configs(compacted),
                    new NewTopic(topics.desired(), 1, (short) 1).configs(compacted),
                    new NewTopic(topics.deadLetter(), 1, (short) 1))).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the test topics: " + e.getCause(), e);
        }
        return topics;
    }

    /** The same config and dead-letter topics with a new, empty desired topic. */
    TestTopics withFreshDesired(LocalInfrastructure infrastructure) {
        String fresh = infrastructure.uniqueTopic("filament.desired.v1");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(fresh, 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create " + fresh + ": " + e.getCause(), e);
        }
        return new TestTopics(bootstrapServers, config, fresh, deadLetter);
    }

    /** Deletes the topics and the keyspaces the test used. */
    void cleanUp(LocalInfrastructure infrastructure, String... keyspaces) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var existing = admin.listTopics().names().get();
            admin.deleteTopics(java.util.stream.Stream.of(config, desired, deadLetter)
                    .filter(existing::contains).toList()).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot delete the test topics: " + e.getCause(), e);
        }
        try (var session = infrastructure.cqlSession()) {
            for (String keyspace : keyspaces) {
                session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
            }
        }
    }
}
