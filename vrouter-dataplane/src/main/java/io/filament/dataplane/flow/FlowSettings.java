package io.filament.dataplane.flow;

import java.time.Duration;

/**
 * Flow-table size and timers (TF defaults: 180 s idle timeout; dropped flows go after 5 s; TCP FIN in both
 * directions or RST shortens the life of a flow).
 *
 * @param maxFlowsPerInterface used for an interface whose own limit is 0
 * @param exportInterval how often a record of a long-lived flow is handed to the agent after its first one, which
 *                       goes at the first aging pass after the flow's setup
 */
public record FlowSettings(int capacity, Duration idleTimeout, Duration droppedTimeout, Duration closingTimeout,
                           int maxFlowsPerInterface, Duration exportInterval, int recordQueueSize) {

    public static final FlowSettings DEFAULT = new FlowSettings(131072, Duration.ofSeconds(180),
            Duration.ofSeconds(5), Duration.ofSeconds(5), 16384, Duration.ofSeconds(60), 65536);

    public FlowSettings {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("flow capacity " + capacity + " must be a power of two ≥ 2");
        }
        if (maxFlowsPerInterface < 1 || recordQueueSize < 1) {
            throw new IllegalArgumentException("flow limits must be positive");
        }
    }
}
