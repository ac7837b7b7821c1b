package io.filament.analytics.flow;

import java.util.UUID;

/** A stored flow row whose blob is not in the format {@link FlowRecordCodec} writes; names the flow. */
public final class StoredFlowUnreadable extends RuntimeException {

    public StoredFlowUnreadable(UUID flowUuid, String reason) {
        super("stored flow record " + flowUuid + " cannot be read: " + reason);
    }
}
