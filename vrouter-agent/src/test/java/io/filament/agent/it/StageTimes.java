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

    static final String[] NAMES = {"api_answered", "recomputed", "local_programmed", "address_configured",
            "remote_recomputed", "remote_installed", "first_echo"};

    private static final int RECOMPUTED = 1;
    private static final int LOCAL_PROGRAMMED = 2;
    private static final int ADDRESS_CONFIGURED = 3;
    private static final int REMOTE_RECOMPUTED = 4;
    private static final int REMOTE_INSTALLED = 5;
    private static final int FIRST_ECHO = 6;

    /**
     * Hops between two stages (indexes into {@code NAMES}): from the agent's recompute to its dataplane, from the
     * TAP to the workload's address, from the recompute to the remote agent's tables (the XMPP hop: publish,
     * reflection, the remote agent's recompute), from those to the remote dataplane.
     */
    private static final int[][] HOPS = {{RECOMPUTED, LOCAL_PROGRAMMED}, {LOCAL_PROGRAMMED, ADDRESS_CONFIGURED},
            {RECOMPUTED, REMOTE_RECOMPUTED}, {REMOTE_RECOMPUTED, REMOTE_INSTALLED}};

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
        return column(FIRST_ECHO);
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
        for (int i = 0; i < FIRST_ECHO; i++) {
            append(b, NAMES[i], column(i));
        }
        for (int[] hop : HOPS) {
            append(b, NAMES[hop[0]] + "_to_" + NAMES[hop[1]],
                    rows.stream().map(r -> r[hop[1]] - r[hop[0]]).sorted().toList());
        }
        // the echo needs both ends: the route at the remote host and the address on the new VM
        append(b, "both_ready_to_first_echo", rows.stream()
                .map(r -> r[FIRST_ECHO] - Math.max(r[ADDRESS_CONFIGURED], r[REMOTE_INSTALLED])).sorted().toList());
        return b.append('\n').toString();
    }

    private static void append(StringBuilder b, String name, List<Long> sortedMicros) {
        b.append(String.format(Locale.ROOT, " %s_p50_ms=%.1f %s_p99_ms=%.1f", name,
                percentileMillis(sortedMicros, 0.50), name, percentileMillis(sortedMicros, 0.99)));
    }
}
