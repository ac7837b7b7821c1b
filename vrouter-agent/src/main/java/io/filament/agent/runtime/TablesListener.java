package io.filament.agent.runtime;

import io.filament.agent.oper.OperTables;

/** Hears of every new set of oper tables, on the agent's controller thread, with the previous set. */
public interface TablesListener {

    void tablesChanged(OperTables previous, OperTables current);
}
