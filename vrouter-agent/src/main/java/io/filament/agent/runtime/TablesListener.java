package io.filament.agent.runtime;

import io.filament.agent.oper.OperTables;

/** Hears of every new set of oper tables, on the agent's controller thread, with the previous set. */
public interface TablesListener {

    void tablesChanged(OperTables previous, OperTables current);

    /**
     * Called once after the agent's start, when its tables are complete: ports restored, config and routes
     * re-learned from a control node. State kept from before the start that the tables do not hold may go now.
     */
    default void tablesComplete() {
    }
}
