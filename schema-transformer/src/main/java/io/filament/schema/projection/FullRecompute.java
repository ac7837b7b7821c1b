package io.filament.schema.projection;

import io.filament.schema.config.ConfigImage;
import io.filament.schema.config.ConfigObject;
import io.filament.schema.desired.DesiredRecord;
import io.filament.schema.policy.ConnectionGraph;
import io.filament.schema.routing.RouteTargetStore;
import java.util.SortedMap;
import java.util.TreeMap;

/** Derives the whole desired state from a config image, from scratch. */
public final class FullRecompute {

    private FullRecompute() {
    }

    public static SortedMap<String, DesiredRecord> compute(ConfigImage image, RouteTargetStore store) {
        ConnectionGraph graph = new ConnectionGraph();
        Projection projection = new Projection(image, graph, store,
                new ExpansionCache(image.ofType(Projection.VIRTUAL_NETWORK).size() + 1));
        projection.expandAll(image.ofType(Projection.VIRTUAL_NETWORK));
        for (ConfigObject network : image.ofType(Projection.VIRTUAL_NETWORK)) {
            projection.updateIntent(network);
        }
        SortedMap<String, DesiredRecord> state = new TreeMap<>();
        for (ConfigObject network : image.ofType(Projection.VIRTUAL_NETWORK)) {
            projection.networkRecords(network).forEach(record -> state.put(record.key(), record));
        }
        for (ConfigObject group : image.ofType(Projection.SECURITY_GROUP)) {
            projection.securityGroupRecords(group).forEach(record -> state.put(record.key(), record));
        }
        return state;
    }
}
