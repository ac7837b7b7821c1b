package io.filament.cli.infra;

import io.filament.contracts.event.TopicDefinition;
import io.filament.contracts.event.Topics;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates Filament's topics (DESIGN.md §4, with their cleanup policies and retention) on the local broker
 * when they are missing, so that no service depends on another having started first to find its topics.
 * Topics that exist are left exactly as they are.
 */
final class TopicProvisioner {

    /** Status and flow topics are shared by analytics instances of one consumer group. */
    private static final Map<String, Integer> PARTITIONS = Map.of(Topics.STATUS, 6, Topics.FLOWS, 6);
    private static final int DEFAULT_PARTITIONS = 3;
    private static final long TIMEOUT_SECONDS = 30;

    private TopicProvisioner() {
    }

    static void ensure(String bootstrapServers, PrintStream out) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicDefinition topic : Topics.all()) {
                if (!existing.contains(topic.name())) {
                    missing.add(new NewTopic(topic.name(), PARTITIONS.getOrDefault(topic.name(), DEFAULT_PARTITIONS),
                            (short) 1).configs(topic.kafkaConfigs()));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            out.printf("  %-20s %d created, %d already present%n", "topics", missing.size(),
                    Topics.all().size() - missing.size());
        } catch (ExecutionException | TimeoutException e) {
            throw new InfraException("creating Filament's topics on " + bootstrapServers + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException("interrupted while creating topics", e);
        }
    }
}
