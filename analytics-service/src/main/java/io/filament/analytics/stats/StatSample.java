package io.filament.analytics.stats;

/**
 * One sample of a counter reported in a UVE.
 *
 * @param statTable {@code StatTable.<struct>.<attribute>}, e.g. {@code StatTable.VrouterStatsAgent.in_bytes}
 * @param name      the UVE key
 * @param source    the reporting source
 * @param time      microseconds since the epoch
 */
public record StatSample(String statTable, String name, String source, long time, double value) {

    public static final long BUCKET_MICROS = 3_600_000_000L;

    public static String tableName(String struct, String attribute) {
        return "StatTable." + struct + "." + attribute;
    }
}
