package io.filament.contracts.status;

import java.time.Instant;

/** Times in status and flow records: integer microseconds since the epoch. */
public final class StatusTime {

    private StatusTime() {
    }

    public static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }

    public static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
