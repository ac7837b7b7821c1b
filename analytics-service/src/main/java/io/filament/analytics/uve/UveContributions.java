package io.filament.analytics.uve;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.filament.analytics.status.StructPart;

/**
 * Every source's parts of one UVE: source → struct name → part. Immutable; the store replaces the whole value
 * on change, so readers never see a half-applied record.
 */
public record UveContributions(UveKey key, SortedMap<String, Map<String, StructPart>> bySource) {

    public UveContributions {
        TreeMap<String, Map<String, StructPart>> copy = new TreeMap<>();
        bySource.forEach((source, structs) -> copy.put(source, Map.copyOf(structs)));
        bySource = java.util.Collections.unmodifiableSortedMap(copy);
    }

    public boolean isEmpty() {
        return bySource.isEmpty();
    }
}
