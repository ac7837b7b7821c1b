package io.filament.analytics.flow;

/** A stored chunk of flow records that is not in the format {@link FlowRecordCodec} writes; names the chunk. */
public final class StoredFlowUnreadable extends RuntimeException {

    public StoredFlowUnreadable(int partition, long firstOffset, String reason) {
        super("stored flow chunk of topic partition " + partition + " from offset " + firstOffset
                + " cannot be read: " + reason);
    }
}
