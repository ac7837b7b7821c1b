package io.filament.analytics.flow;

import java.util.Arrays;
import java.util.Optional;

/**
 * The flow tables, one per query entry point: every record is written to each, partitioned by the indexed field's
 * value and a one-minute bucket of {@code setup_time}, in chunks of records ({@link FlowStore}). A 10-minute query
 * reads 11 partitions of one table.
 */
public enum FlowIndex {
    BY_SOURCE_VN(FlowField.SOURCE_VN, "flow_chunks_by_sourcevn"),
    BY_DEST_VN(FlowField.DEST_VN, "flow_chunks_by_destvn"),
    BY_VROUTER(FlowField.VROUTER, "flow_chunks_by_vrouter");

    /** Width of a partition's time bucket. */
    public static final long BUCKET_MICROS = 60_000_000L;

    private final FlowField field;
    private final String table;

    FlowIndex(FlowField field, String table) {
        this.field = field;
        this.table = table;
    }

    public FlowField field() {
        return field;
    }

    public String table() {
        return table;
    }

    public static long bucketOf(long micros) {
        return Math.floorDiv(micros, BUCKET_MICROS);
    }

    public static Optional<FlowIndex> of(FlowField field) {
        return Arrays.stream(values()).filter(i -> i.field == field).findFirst();
    }
}
