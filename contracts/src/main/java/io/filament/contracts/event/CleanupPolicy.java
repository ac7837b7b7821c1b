package io.filament.contracts.event;

/** Kafka's {@code cleanup.policy} of a topic. */
public enum CleanupPolicy {
    /** Old segments are deleted after the retention time: event streams. */
    DELETE("delete"),
    /** The latest value per key is kept, tombstones remove keys: state topics a consumer rebuilds from. */
    COMPACT("compact");

    private final String configValue;

    CleanupPolicy(String configValue) {
        this.configValue = configValue;
    }

    /** The value of the {@code cleanup.policy} topic config. */
    public String configValue() {
        return configValue;
    }
}
