package io.filament.agent.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The stage times of every port brought up by {@link PortUpLatencyIT}, each in microseconds from the start of the
 * {@code POST /port}, and their p50/p99 (nearest rank) as one report line, followed by those of the hops between
 * stages.
 */
final class StageTimes {

    private static final String[] NAMES = {"api_answered", "recomputed", "local_programmed", "control_node",
            "remote_recomputed", "remote_installed", "first_echo"};

    /**
     * Hops between two stages (indexes into {@code NAMES}): from the agent's recompute to its dataplane, to the
     * control node and to the remote agent's tables (the XMPP hop: publish, reflection, the remote agent's
     * recompute), from those to the remote dataplane, and from that to the first echo.
     */
    private static final int[][] HOPS = {{1, 2}, {1, 3}, {1, 4}, {4, 5}, {5, 6}};

    private final List<long[]> rows = new ArrayList<>();

    /** One port: nanosecond clock readings of the start and of each stage, in the order of {@code NAMES}. */
    void add(long start, long... stages) {
        if (stages.length != NAMES.length) {
            throw new IllegalArgumentException("stages: " + stages.length + " readings, expected " + NAMES.length);
        }
        long[] micros = new long[stages.length];
        for (int i = 0; i < stages.length; i++) {
            micros[i] = (stages[i] - start) / 1000;
        }
        rows.add(micros);
    }

    int size() {
        return rows.size();
    }

    List<Long> totalMicros() {
        return column(NAMES.length - 1);
    }

    private List<Long> column(int stage) {
        return rows.stream().map(r -> r[stage]).sorted().toList();
    }

    static double percentileMillis(List<Long> sortedMicros, double p) {
        return sortedMicros.get((int) Math.ceil(p * sortedMicros.size()) - 1) / 1000.0;
    }

    String report() {
        StringBuilder b = new StringBuilder("ports=" + rows.size());
        List<Long> total = totalMicros();
        b.append(String.format(Locale.ROOT, " p50_ms=%.1f p99_ms=%.1f max_ms=%.1f", percentileMillis(total, 0.50),
                percentileMillis(total, 0.99), total.getLast() / 1000.0));
        for (int i = 0; i < NAMES.length - 1; i++) {
            List<Long> c = column(i);
            b.append(String.format(Locale.ROOT, " %s_p50_ms=%.1f %s_p99_ms=%.1f", NAMES[i], percentileMillis(c, 0.50),
                    NAMES[i], percentileMillis(c, 0.99)));
        }
        for (int[] hop : HOPS) {
            List<Long> d = rows.stream().map(r -> r[hop[1]] - r[hop[0]]).sorted().toList();
            String name = NAMES[hop[0]] + "_to_" + NAMES[hop[1]];
            b.append(String.format(Locale.ROOT, " %s_p50_ms=%.1f %s_p99_ms=%.1f", name, percentileMillis(d, 0.50),
                    name, percentileMillis(d, 0.99)));
        }
        return b.append('\n').toString();
    }
}
