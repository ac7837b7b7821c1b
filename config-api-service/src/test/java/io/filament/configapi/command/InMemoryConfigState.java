package io.filament.configapi.command;

import io.filament.configapi.ipam.IpAddress;
import io.filament.configapi.ipam.SubnetPlan;
import io.filament.contracts.config.ConfigOperation;
import io.filament.contracts.config.ConfigType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** State for handler tests: applies decisions the way the store does, in memory. */
final class InMemoryConfigState implements ConfigState {

    final Map<String, StoredObject> objects = new LinkedHashMap<>();
    final Set<String> addresses = new HashSet<>();
    final Set<String> ids = new HashSet<>();
    final Map<String, Long> lastVersions = new java.util.HashMap<>();

    void apply(Decision decision) {
        for (Claim claim : decision.claims()) {
            switch (claim) {
                case Claim.Address a -> addresses.add(a.subnetUuid() + "/" + a.address());
                case Claim.Id i -> ids.add(i.pool() + "/" + i.id());
                case Claim.FqName f -> { }
            }
        }
        for (ObjectChange change : decision.changes()) {
            lastVersions.put(change.uuid(), change.version());
            if (change.operation() == ConfigOperation.DELETED) {
                objects.remove(change.uuid());
            } else {
                JsonNode parent = change.object().get("parent_uuid");
                objects.put(change.uuid(), new StoredObject(change.type(), change.uuid(), change.fqName(),
                        Optional.ofNullable(parent).map(JsonNode::asString), change.version(), change.object()));
            }
        }
        for (Claim claim : decision.releases()) {
            switch (claim) {
                case Claim.Address a -> addresses.remove(a.subnetUuid() + "/" + a.address());
                case Claim.Id i -> ids.remove(i.pool() + "/" + i.id());
                case Claim.FqName f -> { }
            }
        }
    }

    @Override
    public Optional<StoredObject> find(String uuid) {
        return Optional.ofNullable(objects.get(uuid));
    }

    @Override
    public Optional<StoredObject> find(ConfigType type, List<String> fqName) {
        return objects.values().stream().filter(o -> o.type() == type && o.fqName().equals(fqName)).findFirst();
    }

    @Override
    public List<RefLink> children(String parentUuid) {
        return objects.values().stream().filter(o -> o.parentUuid().filter(parentUuid::equals).isPresent())
                .map(o -> new RefLink(o.type(), o.uuid(), o.fqName(), Optional.empty())).toList();
    }

    @Override
    public List<RefLink> backRefs(String uuid) {
        List<RefLink> result = new ArrayList<>();
        for (StoredObject o : objects.values()) {
            for (ConfigType t : ConfigType.values()) {
                o.refsTo(t).stream().filter(r -> r.uuid().equals(uuid))
                        .forEach(r -> result.add(new RefLink(o.type(), o.uuid(), o.fqName(), r.attr())));
            }
        }
        return result;
    }

    @Override
    public Optional<IpAddress> freeAddress(SubnetPlan plan) {
        Iterator<IpAddress> order = plan.allocationOrder();
        while (order.hasNext()) {
            IpAddress next = order.next();
            if (!addressTaken(plan.subnetUuid(), next)) {
                return Optional.of(next);
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean addressTaken(String subnetUuid, IpAddress address) {
        return addresses.contains(subnetUuid + "/" + address);
    }

    @Override
    public boolean subnetInUse(String subnetUuid) {
        return addresses.stream().anyMatch(a -> a.startsWith(subnetUuid + "/"));
    }

    @Override
    public long firstVersion(String uuid) {
        return lastVersions.getOrDefault(uuid, 0L) + 1;
    }

    @Override
    public long freeId(IdPool pool) {
        long id = pool.first();
        while (ids.contains(pool + "/" + id)) {
            id++;
        }
        return id;
    }
}
