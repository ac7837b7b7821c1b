package io.filament.analytics.status;

import io.filament.contracts.status.StatusTable;
import java.util.Map;

/**
 * One record of {@code filament.status.v1}: a source's state of one UVE.
 *
 * @param table   the object table
 * @param key     the object key inside the table, e.g. a vrouter's host name or a VN's fq name
 * @param source  the producing instance, e.g. {@code agent/host1}
 * @param time    microseconds since the epoch
 * @param deleted true if the source withdraws its part (all structs, or only those in {@code structs})
 * @param structs struct name to the source's part of it
 */
public record StatusRecord(StatusTable table, String key, String source, long time, boolean deleted,
                           Map<String, StructPart> structs) {

    public StatusRecord {
        structs = Map.copyOf(structs);
    }

    /** The Kafka record key, {@code <table>:<key>}. */
    public String recordKey() {
        return table.tableName() + ":" + key;
    }
}
