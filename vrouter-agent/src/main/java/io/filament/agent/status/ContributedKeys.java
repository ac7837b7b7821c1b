package io.filament.agent.status;

import io.filament.contracts.status.StatusTable;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The UVE keys this agent holds a part of, per table: what a round of reports published, so that the next round
 * withdraws the keys that went away and a stopping agent withdraws them all. Written by the status thread and,
 * once that has ended, by the closing thread; synchronized so that a close racing a late round stays consistent.
 */
final class ContributedKeys {

    private final Map<StatusTable, Set<String>> current = new EnumMap<>(StatusTable.class);

    /**
     * Records that the part of {@code table} this agent holds is now {@code present}; returns the keys it held
     * before and no longer does, in order, to be withdrawn.
     */
    synchronized Set<String> replace(StatusTable table, Set<String> present) {
        Set<String> gone = new TreeSet<>(current.getOrDefault(table, Set.of()));
        gone.removeAll(present);
        current.put(table, new TreeSet<>(present));
        return gone;
    }

    /** Every key held, table by table, and forgets them: the agent is withdrawing everything. */
    synchronized Map<StatusTable, Set<String>> drain() {
        Map<StatusTable, Set<String>> all = new LinkedHashMap<>();
        current.forEach((table, keys) -> {
            if (!keys.isEmpty()) {
                all.put(table, Collections.unmodifiableSortedSet(new TreeSet<>(keys)));
            }
        });
        current.clear();
        return all;
    }
}
