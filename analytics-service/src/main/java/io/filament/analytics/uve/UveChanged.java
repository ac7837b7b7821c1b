package io.filament.analytics.uve;

import java.util.Set;

/**
 * A status record changed a UVE.
 *
 * @param key     the UVE
 * @param structs the struct names whose merged value may have changed
 * @param current the contributions after the change (empty when the last source withdrew)
 */
public record UveChanged(UveKey key, Set<String> structs, UveContributions current) {

    public UveChanged {
        structs = Set.copyOf(structs);
    }
}
