package io.filament.analytics.flow;

/**
 * A flow record with its position in the flow topic. A flow's reports all come from one vrouter and so from one
 * partition of the topic (the vrouter is the key); the one at the highest offset is the latest.
 *
 * @param partition partition of {@code filament.flows.v1} the record was read from
 * @param offset    its offset there
 */
public record StoredFlow(FlowRecord record, int partition, long offset) {

    /** True if this report of a flow came after {@code other}. */
    boolean after(StoredFlow other) {
        return partition == other.partition ? offset > other.offset : partition > other.partition;
    }
}
