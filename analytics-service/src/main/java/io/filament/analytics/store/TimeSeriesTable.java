package io.filament.analytics.store;

import java.time.Duration;

/**
 * Table options shared by the time-series tables: TimeWindowCompactionStrategy with about 24 windows per TTL,
 * so that whole SSTables expire together and disk use stays bounded by the TTL.
 */
record TimeSeriesTable(Duration ttl) {

    /** The CQL {@code WITH …} clause for a table whose rows live {@link #ttl}. */
    String options(String clustering) {
        long ttlSeconds = ttl.toSeconds();
        long windowMinutes = Math.max(1, ttl.toMinutes() / 24);
        long gcGrace = Math.min(3600, ttlSeconds);
        return " WITH CLUSTERING ORDER BY (" + clustering + ")"
                + " AND compaction = {'class': 'TimeWindowCompactionStrategy', 'compaction_window_unit': 'MINUTES',"
                + " 'compaction_window_size': " + windowMinutes + "}"
                + " AND default_time_to_live = " + ttlSeconds
                + " AND gc_grace_seconds = " + gcGrace;
    }

    int ttlSeconds() {
        return Math.toIntExact(ttl.toSeconds());
    }
}
