package io.filament.analytics.history;

/**
 * One stored status record of an object, as TF's object tables return it.
 *
 * @param time   microseconds since the epoch
 * @param body   the record's JSON body as received
 */
public record ObjectLogEntry(String table, String key, String source, long time, boolean deleted, String body) {

    /** One partition per object and day. */
    public static final long BUCKET_MICROS = 86_400_000_000L;
}
