package io.filament.configapi.outbox;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the config topics when they are missing: events (delete policy), snapshots (compacted), commands. */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Admin admin;
    private final List<NewTopic> wanted;
    private volatile boolean done;

    public TopicProvisioner(Admin admin, String events, String snapshots, String commands, int partitions) {
        this.admin = admin;
        this.wanted = List.of(
                new NewTopic(events, partitions, (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_DELETE)),
                new NewTopic(snapshots, partitions, (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_COMPACT)),
                new NewTopic(commands, partitions, (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_DELETE, TopicConfig.RETENTION_MS_CONFIG,
                        String.valueOf(TimeUnit.DAYS.toMillis(7)))));
    }

    /** Idempotent; throws while Kafka cannot be reached so that callers retry. */
    public void ensure() {
        if (done) {
            return;
        }
        try {
            Set<String> existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            for (NewTopic topic : missing) {
                try {
                    admin.createTopics(List.of(topic)).all().get(5, TimeUnit.SECONDS);
                    log.info("Created topic {} ({})", topic.name(), topic.configs());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            done = true;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka unavailable for topic creation: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
