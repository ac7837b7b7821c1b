package io.filament.contracts.event;

import io.filament.contracts.InvalidValueException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Kafka topic of Filament with the settings it is created with.
 *
 * @param name      the topic name, e.g. {@code filament.config.v1}
 * @param key       what the record key is, in words (e.g. {@code <type>/<uuid>})
 * @param policy    the cleanup policy
 * @param retention how long records are kept under {@link CleanupPolicy#DELETE}; empty means forever
 *                  (compacted topics keep the latest value per key regardless)
 */
public record TopicDefinition(String name, String key, CleanupPolicy policy, Optional<Duration> retention) {

    public TopicDefinition {
        Topics.checkName(name);
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(policy, "policy");
        retention = retention == null ? Optional.empty() : retention;
        if (retention.isPresent() && (retention.get().isNegative() || retention.get().isZero())) {
            throw new InvalidValueException("retention", retention.get().toString(), "must be positive");
        }
    }

    /**
     * The topic configs to create the topic with: {@code cleanup.policy}, and {@code retention.ms} for
     * delete-policy topics ({@code -1} = unlimited).
     */
    public Map<String, String> kafkaConfigs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("cleanup.policy", policy.configValue());
        if (policy == CleanupPolicy.DELETE) {
            configs.put("retention.ms", retention.map(d -> Long.toString(d.toMillis())).orElse("-1"));
        }
        return configs;
    }

    /** The dead-letter topic for records of this topic that a consumer could not process. */
    public String deadLetterTopic() {
        return Topics.dlq(name);
    }
}
