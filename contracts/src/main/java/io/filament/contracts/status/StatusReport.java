package io.filament.contracts.status;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One record of {@code filament.status.v1}: a source's state of one UVE. Checked on construction with the
 * rules of {@code STATUS-FORMAT.md}, so a report that exists can be published.
 *
 * @param table   the object table
 * @param key     the object key inside the table: host name, fq name with ':', or {@code <type>:<uuid>}
 * @param source  the producing instance, {@code <module>/<instance>} ({@code agent/host1},
 *                {@code control/control-node-1}); also the record's {@code ce_source}
 * @param time    microseconds since the epoch, &gt; 0
 * @param deleted the source withdraws its part: the structs named, or all of them when none is
 * @param structs struct name to struct, in the order written
 */
public record StatusReport(StatusTable table, String key, String source, long time, boolean deleted,
                           Map<String, StatusStruct> structs) {

    public StatusReport {
        if (table == null) {
            throw new InvalidStatusRecordException("table", null, "must be one of the object tables");
        }
        if (key == null || key.isBlank()) {
            throw new InvalidStatusRecordException("key", key, "must be a non-empty string");
        }
        if (source == null || source.isBlank()) {
            throw new InvalidStatusRecordException("source", source, "must be a non-empty string");
        }
        if (time <= 0) {
            throw new InvalidStatusRecordException("time", time, "must be a positive integer (microseconds since the epoch)");
        }
        structs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(structs));
        structs.forEach((name, struct) -> {
            if (!name.equals(struct.name())) {
                throw new InvalidStatusRecordException("data." + name, struct.name(), "struct stored under another name");
            }
        });
    }

    /** A source's current state of the UVE. */
    public static StatusReport update(StatusTable table, String key, String source, Instant time,
                                      List<StatusStruct> structs) {
        checkSource(source);
        if (structs.isEmpty()) {
            throw new InvalidStatusRecordException("data", "{}", "an update names at least one struct");
        }
        Map<String, StatusStruct> byName = new LinkedHashMap<>();
        structs.forEach(s -> byName.put(s.name(), s));
        return new StatusReport(table, key, source, StatusTime.micros(time), false, byName);
    }

    /** The source withdraws its whole part of the UVE. */
    public static StatusReport withdrawal(StatusTable table, String key, String source, Instant time) {
        checkSource(source);
        return new StatusReport(table, key, source, StatusTime.micros(time), true, Map.of());
    }

    /** The Kafka record key, {@code <table>:<key>}. */
    public String recordKey() {
        return table.tableName() + ":" + key;
    }

    /** Producers name themselves {@code <module>/<instance>}; the reader only asks for a non-empty source. */
    private static void checkSource(String source) {
        int slash = source == null ? -1 : source.indexOf('/');
        if (slash <= 0 || slash == source.length() - 1 || source.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidStatusRecordException("source", source,
                    "must be <module>/<instance> without spaces, e.g. agent/host1");
        }
    }
}
