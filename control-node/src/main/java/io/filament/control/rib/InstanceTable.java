package io.filament.control.rib;

import io.filament.contracts.xmpp.RoutePrefix;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One routing instance in the RIB: its spec, its {@code inet.0} table (IPv4 and IPv6 prefixes, own and
 * imported paths), the paths originated in it, and its subscribers.
 */
final class InstanceTable {

    RoutingInstanceSpec spec;
    boolean specKnown;
    final NavigableMap<RoutePrefix, Map<PathKey, Path>> table = new TreeMap<>();
    final Map<RoutePrefix, Map<PathKey, Path>> primaries = new HashMap<>();
    final Map<String, Subscription> subscribers = new LinkedHashMap<>();
    private int paths;

    InstanceTable(RoutingInstanceSpec spec, boolean specKnown) {
        this.spec = spec;
        this.specKnown = specKnown;
    }

    boolean idle() {
        return !specKnown && subscribers.isEmpty() && primaries.isEmpty() && table.isEmpty();
    }

    boolean putPath(Path path) {
        Path old = table.computeIfAbsent(path.entry().prefix(), p -> new HashMap<>(4)).put(path.key(), path);
        if (old == null) {
            paths++;
        }
        return !path.equals(old);
    }

    boolean removePath(RoutePrefix prefix, PathKey key) {
        Map<PathKey, Path> paths = table.get(prefix);
        if (paths == null || paths.remove(key) == null) {
            return false;
        }
        this.paths--;
        if (paths.isEmpty()) {
            table.remove(prefix);
        }
        return true;
    }

    int pathCount() {
        return paths;
    }
}
