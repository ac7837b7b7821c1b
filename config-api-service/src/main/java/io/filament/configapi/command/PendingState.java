package io.filament.configapi.command;

import io.filament.configapi.ipam.IpAddress;
import io.filament.configapi.ipam.SubnetPlan;
import io.filament.contracts.config.ConfigType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The committed state plus the objects a decision has created so far, so derived objects find their parent. */
final class PendingState implements ConfigState {

    private final ConfigState committed;
    private final Map<String, StoredObject> created = new LinkedHashMap<>();

    PendingState(ConfigState committed) {
        this.committed = committed;
    }

    void add(StoredObject object) {
        created.put(object.uuid(), object);
    }

    @Override
    public Optional<StoredObject> find(String uuid) {
        StoredObject pending = created.get(uuid);
        return pending != null ? Optional.of(pending) : committed.find(uuid);
    }

    @Override
    public long firstVersion(String uuid) {
        return committed.firstVersion(uuid);
    }

    @Override
    public Optional<StoredObject> find(ConfigType type, List<String> fqName) {
        return created.values().stream().filter(o -> o.type() == type && o.fqName().equals(fqName)).findFirst()
                .or(() -> committed.find(type, fqName));
    }

    @Override
    public List<RefLink> children(String parentUuid) {
        List<RefLink> children = new ArrayList<>(committed.children(parentUuid));
        created.values().stream().filter(o -> o.parentUuid().filter(parentUuid::equals).isPresent())
                .forEach(o -> children.add(new RefLink(o.type(), o.uuid(), o.fqName(), Optional.empty())));
        return children;
    }

    @Override
    public List<RefLink> backRefs(String uuid) {
        return committed.backRefs(uuid);
    }

    @Override
    public Optional<IpAddress> freeAddress(SubnetPlan plan) {
        return committed.freeAddress(plan);
    }

    @Override
    public boolean addressTaken(String subnetUuid, IpAddress address) {
        return committed.addressTaken(subnetUuid, address);
    }

    @Override
    public boolean subnetInUse(String subnetUuid) {
        return committed.subnetInUse(subnetUuid);
    }

    @Override
    public long freeId(IdPool pool) {
        return committed.freeId(pool);
    }
}
