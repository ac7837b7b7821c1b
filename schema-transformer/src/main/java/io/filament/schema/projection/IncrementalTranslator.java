package io.filament.schema.projection;

import io.filament.schema.config.ConfigChange;
import io.filament.schema.config.ConfigImage;
import io.filament.schema.config.ConfigKey;
import io.filament.schema.config.ConfigObject;
import io.filament.schema.desired.DesiredChange;
import io.filament.schema.desired.DesiredRecord;
import io.filament.schema.policy.ConnectionGraph;
import io.filament.schema.routing.RouteTargetStore;
import io.filament.schema.routing.RoutingInstanceDeriver;
import io.filament.schema.securitygroup.SecurityGroupAclDeriver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Maintains the desired state change by change, recomputing only the networks and security groups a change
 * touches: the changed object, the networks attached to a changed policy, every network connected to one of those
 * before or after, the groups naming a changed group, and everything when the global config changes. The result
 * equals {@link FullRecompute} on the same image. Owned by one thread.
 */
public final class IncrementalTranslator {

    /** Networks whose expanded policies are kept between changes. */
    static final int EXPANSION_CACHE_ENTRIES = 50_000;

    private final ConfigImage image = new ConfigImage();
    private final ConnectionGraph graph = new ConnectionGraph();
    private final RouteTargetStore store;
    private final Map<ConfigKey, List<DesiredRecord>> owned = new HashMap<>();
    private final SortedMap<String, DesiredRecord> state = new TreeMap<>();
    private final Map<String, Set<ConfigKey>> groupsNaming = new HashMap<>();
    private final ExpansionCache expansions = new ExpansionCache(EXPANSION_CACHE_ENTRIES);

    public IncrementalTranslator(RouteTargetStore store) {
        this.store = store;
    }

    /** Applies one config record and returns the desired records that changed, tombstones first, by key. */
    public List<DesiredChange> apply(ConfigChange change) {
        Optional<ConfigObject> before = image.get(change.key());
        SortedSet<ConfigKey> dirty = new TreeSet<>();
        String type = change.key().type();
        if (type.equals(Projection.VIRTUAL_NETWORK)) {
            before.ifPresent(network -> dirty.addAll(networkAndPeers(network)));
        } else if (type.equals(Projection.NETWORK_POLICY)) {
            attachedNetworks(change.key()).forEach(network -> dirty.addAll(networkAndPeers(network)));
        }

        ConfigImage.Update update = image.apply(change);
        if (!update.changed()) {
            return List.of();
        }
        Projection projection = new Projection(image, graph, store, expansions);
        // An object deleted or renamed may leave its name to another of its type: the config topic's partitions can
        // hand over an object re-created under a name before the deletion of the one that had it. The records named
        // after it are then that namesake's, derived again instead of withdrawn.
        Optional<ConfigObject> gaveUpItsName = before.filter(old -> update.current()
                .map(now -> !now.fqName().equals(old.fqName())).orElse(true));
        Optional<ConfigObject> namesake = gaveUpItsName.flatMap(old -> image.byFqName(type, old.fqName().toString()));
        switch (type) {
            case Projection.VIRTUAL_NETWORK -> {
                before.ifPresent(network -> graph.remove(network.fqName().toString()));
                if (namesake.isEmpty()) {
                    gaveUpItsName.ifPresent(network -> store.release(RoutingInstanceDeriver.instanceName(network)));
                }
                Stream.concat(update.current().stream(), namesake.stream()).forEach(network -> {
                    projection.updateIntent(network);
                    dirty.addAll(networkAndPeers(network));
                });
            }
            case Projection.NETWORK_POLICY -> attachedNetworks(change.key()).forEach(network -> {
                projection.updateIntent(network);
                dirty.addAll(networkAndPeers(network));
            });
            case Projection.SECURITY_GROUP -> {
                before.ifPresent(group -> forgetGroupNames(group, dirty));
                update.current().ifPresent(group -> indexGroupNames(group, dirty));
                dirty.add(change.key());
                namesake.ifPresent(group -> dirty.add(group.key()));
            }
            case "global-system-config", "global-vrouter-config" -> {
                image.ofType(Projection.VIRTUAL_NETWORK).forEach(network -> dirty.add(network.key()));
            }
            default -> {
            }
        }
        return recompute(projection, dirty);
    }

    /**
     * Applies a batch of config records (a rebuild from the config topic) and recomputes every network and group
     * once at the end instead of after each record. Intermediate deletes release no route targets; only networks
     * that are gone at the end of the batch give theirs back. The result is the same state as applying the
     * records one by one.
     */
    public List<DesiredChange> applyAll(List<ConfigChange> changes) {
        Set<String> removedInstances = new HashSet<>();
        for (ConfigChange change : changes) {
            Optional<ConfigObject> before = image.get(change.key());
            ConfigImage.Update update = image.apply(change);
            if (!update.changed()) {
                continue;
            }
            if (change.key().type().equals(Projection.VIRTUAL_NETWORK)) {
                before.ifPresent(network -> {
                    graph.remove(network.fqName().toString());
                    removedInstances.add(RoutingInstanceDeriver.instanceName(network));
                });
            } else if (change.key().type().equals(Projection.SECURITY_GROUP)) {
                Set<ConfigKey> ignored = new HashSet<>();
                before.ifPresent(group -> forgetGroupNames(group, ignored));
                update.current().ifPresent(group -> indexGroupNames(group, ignored));
            }
        }
        Projection projection = new Projection(image, graph, store, expansions);
        projection.expandAll(image.ofType(Projection.VIRTUAL_NETWORK));
        SortedSet<ConfigKey> dirty = new TreeSet<>(owned.keySet());
        for (ConfigObject network : image.ofType(Projection.VIRTUAL_NETWORK)) {
            projection.updateIntent(network);
            dirty.add(network.key());
            removedInstances.remove(RoutingInstanceDeriver.instanceName(network));
        }
        image.ofType(Projection.SECURITY_GROUP).forEach(group -> dirty.add(group.key()));
        removedInstances.forEach(store::release);
        return recompute(projection, dirty);
    }

    /** The current desired state, by key. */
    public SortedMap<String, DesiredRecord> state() {
        return Collections.unmodifiableSortedMap(state);
    }

    public ConfigImage image() {
        return image;
    }

    private List<DesiredChange> recompute(Projection projection, Set<ConfigKey> dirty) {
        Map<String, DesiredRecord> previous = new HashMap<>();
        Map<String, DesiredRecord> next = new TreeMap<>();
        for (ConfigKey unit : dirty) {
            for (DesiredRecord record : owned.getOrDefault(unit, List.of())) {
                previous.put(record.key(), record);
            }
            List<DesiredRecord> records = image.get(unit).map(object -> switch (unit.type()) {
                case Projection.VIRTUAL_NETWORK -> projection.networkRecords(object);
                case Projection.SECURITY_GROUP -> projection.securityGroupRecords(object);
                default -> List.<DesiredRecord>of();
            }).orElse(List.of());
            if (records.isEmpty()) {
                owned.remove(unit);
            } else {
                owned.put(unit, records);
            }
            records.forEach(record -> next.put(record.key(), record));
        }
        List<DesiredChange> changes = new ArrayList<>();
        new TreeSet<>(previous.keySet()).stream().filter(key -> !next.containsKey(key)).forEach(key -> {
            state.remove(key);
            changes.add(new DesiredChange.Tombstone(key));
        });
        next.forEach((key, record) -> {
            if (!record.equals(state.get(key))) {
                state.put(key, record);
                changes.add(new DesiredChange.Upsert(record));
            }
        });
        return changes;
    }

    private Set<ConfigKey> networkAndPeers(ConfigObject network) {
        Set<ConfigKey> keys = new HashSet<>();
        keys.add(network.key());
        for (String peer : graph.peersOf(network.fqName().toString())) {
            image.byFqName(Projection.VIRTUAL_NETWORK, peer).ifPresent(object -> keys.add(object.key()));
        }
        return keys;
    }

    private List<ConfigObject> attachedNetworks(ConfigKey policy) {
        return image.referrersOf(policy).stream()
                .filter(key -> key.type().equals(Projection.VIRTUAL_NETWORK))
                .flatMap(key -> image.get(key).stream())
                .toList();
    }

    private void indexGroupNames(ConfigObject group, Set<ConfigKey> dirty) {
        dirty.addAll(groupsNaming.getOrDefault(group.fqName().toString(), Set.of()));
        for (String named : SecurityGroupAclDeriver.referencedGroups(group)) {
            groupsNaming.computeIfAbsent(named, n -> new HashSet<>()).add(group.key());
        }
    }

    private void forgetGroupNames(ConfigObject group, Set<ConfigKey> dirty) {
        dirty.addAll(groupsNaming.getOrDefault(group.fqName().toString(), Set.of()));
        for (String named : SecurityGroupAclDeriver.referencedGroups(group)) {
            Set<ConfigKey> naming = groupsNaming.get(named);
            if (naming != null) {
                naming.remove(group.key());
                if (naming.isEmpty()) {
                    groupsNaming.remove(named);
                }
            }
        }
    }
}
