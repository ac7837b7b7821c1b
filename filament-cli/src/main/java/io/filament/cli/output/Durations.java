package io.filament.cli.output;

import java.time.Duration;

/** Human-readable durations for tables: {@code 42s}, {@code 3m12s}, {@code 2h05m}. */
public final class Durations {

    private Durations() {
    }

    public static String compact(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + "m" + String.format("%02ds", seconds % 60);
        }
        return (seconds / 3600) + "h" + String.format("%02dm", (seconds % 3600) / 60);
    }
}
