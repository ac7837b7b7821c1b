package io.filament.analytics.uve;

import io.filament.contracts.status.StatusTable;

/** Identity of one UVE: its table and its key, e.g. {@code ObjectVRouter:host1}. */
public record UveKey(StatusTable table, String key) {

    @Override
    public String toString() {
        return table.tableName() + ":" + key;
    }
}
