package io.filament.schema.policy;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** The networks one network's policies allow by name, and whether they allow {@code any}. */
public record ConnectionIntent(SortedSet<String> named, boolean any) {

    public static final ConnectionIntent NONE = new ConnectionIntent(new TreeSet<>(), false);

    public ConnectionIntent {
        named = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(named));
    }

    public boolean names(String network) {
        return named.contains(network);
    }

    public Set<String> namedNetworks() {
        return named;
    }
}
