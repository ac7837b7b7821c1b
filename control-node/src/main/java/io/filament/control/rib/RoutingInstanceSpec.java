package io.filament.control.rib;

import java.util.Set;
import java.util.TreeSet;

/**
 * What the schema transformer derived for one routing instance ({@code filament.desired.v1},
 * {@code routing-instance/<name>}): its network and its import and export route targets. Connections to other
 * networks already appear as the peers' export targets in {@code importTargets}.
 */
public record RoutingInstanceSpec(String name, String virtualNetwork, Set<String> importTargets,
                                  Set<String> exportTargets) {

    public RoutingInstanceSpec {
        importTargets = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(importTargets));
        exportTargets = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(exportTargets));
    }

    /** An instance an agent subscribed to before its spec arrived: it sees only its own paths. */
    public static RoutingInstanceSpec placeholder(String name) {
        int last = name.lastIndexOf(':');
        return new RoutingInstanceSpec(name, last > 0 ? name.substring(0, last) : name, Set.of(), Set.of());
    }

    public boolean imports(RoutingInstanceSpec exporter) {
        if (exporter.name.equals(name)) {
            return true;
        }
        for (String rt : exporter.exportTargets) {
            if (importTargets.contains(rt)) {
                return true;
            }
        }
        return false;
    }
}
