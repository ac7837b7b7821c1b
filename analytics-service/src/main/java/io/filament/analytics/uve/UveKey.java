package io.filament.analytics.uve;

import io.filament.analytics.status.UveTable;

/** Identity of one UVE: its table and its key, e.g. {@code ObjectVRouter:host1}. */
public record UveKey(UveTable table, String key) {

    @Override
    public String toString() {
        return table.tableName() + ":" + key;
    }
}
