package io.filament.configapi.store;

import io.filament.configapi.command.ConfigState;
import io.filament.configapi.command.IdPool;
import io.filament.configapi.command.ReadAhead;
import io.filament.configapi.command.RefLink;
import io.filament.configapi.command.StoredObject;
import io.filament.configapi.ipam.IpAddress;
import io.filament.configapi.ipam.SubnetPlan;
import io.filament.contracts.config.ConfigType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The committed state as one decision sees it; an object is read at most once per decision, so all parts of the
 * decision see the same version of it. Addresses and ids it proposes are reserved in this instance's
 * books until {@link #close()}, so concurrent decisions propose different ones.
 */
public final class StoreView implements ConfigState, AutoCloseable {

    private record Reserved(Optional<String> subnetUuid, Optional<IpAddress> address, Optional<IdPool> pool,
                            long id) {
    }

    private final CassandraConfigStore store;
    private final List<Reserved> reservations = new ArrayList<>();
    private final Map<String, Optional<StoredObject>> read = new HashMap<>();
    private final Map<String, CompletableFuture<Optional<StoredObject>>> ahead = new HashMap<>();
    private final Map<String, CompletableFuture<Optional<StoredEvent>>> latestAhead = new HashMap<>();

    StoreView(CassandraConfigStore store) {
        this.store = store;
    }

    /**
     * Starts reading what the decision will most likely read, all at once; {@link #find} and {@link #firstVersion}
     * then wait for these reads instead of making their own. Names are looked up through this instance's name hints
     * only (a name it has not seen costs its decision the usual lookup).
     */
    public void readAhead(ReadAhead likely) {
        List<String> uuids = new ArrayList<>(likely.uuids());
        for (ReadAhead.Named named : likely.names()) {
            store.uuidHint(named.type(), named.fqName()).ifPresent(uuids::add);
        }
        for (String uuid : uuids) {
            if (!read.containsKey(uuid) && !ahead.containsKey(uuid)) {
                ahead.put(uuid, store.findAsync(uuid));
            }
        }
        likely.newObject().ifPresent(uuid -> latestAhead.put(uuid, store.latestEventAsync(uuid)));
    }

    @Override
    public Optional<StoredObject> find(String uuid) {
        Optional<StoredObject> known = read.get(uuid);
        if (known == null) {
            CompletableFuture<Optional<StoredObject>> started = ahead.remove(uuid);
            known = started != null ? CassandraConfigStore.joined("reading " + uuid, started) : store.find(uuid);
            read.put(uuid, known);
        }
        return known;
    }

    @Override
    public Optional<StoredObject> find(ConfigType type, List<String> fqName) {
        Optional<String> hint = store.uuidHint(type, fqName);
        if (hint.isPresent()) {
            Optional<StoredObject> hinted = find(hint.get()).filter(o -> o.type() == type && o.fqName().equals(fqName));
            if (hinted.isPresent()) {
                return hinted;
            }
            store.forgetHint(type, fqName);
        }
        return store.uuidOf(type, fqName).flatMap(this::find).filter(o -> o.type() == type);
    }

    @Override
    public long firstVersion(String uuid) {
        CompletableFuture<Optional<StoredEvent>> started = latestAhead.remove(uuid);
        return started != null
                ? store.firstVersion(uuid, CassandraConfigStore.joined("reading events of " + uuid, started))
                : store.firstVersion(uuid);
    }

    @Override
    public List<RefLink> children(String parentUuid) {
        return store.children(parentUuid);
    }

    @Override
    public List<RefLink> backRefs(String uuid) {
        return store.backRefs(uuid);
    }

    @Override
    public Optional<IpAddress> freeAddress(SubnetPlan plan) {
        Optional<IpAddress> address = store.addressBook(plan.subnetUuid()).reserve(plan);
        address.ifPresent(a -> reservations.add(new Reserved(Optional.of(plan.subnetUuid()), Optional.of(a),
                Optional.empty(), 0)));
        return address;
    }

    @Override
    public boolean addressTaken(String subnetUuid, IpAddress address) {
        return StoreCalls.call("checking address " + address, () -> store.addressHeld(subnetUuid, address));
    }

    @Override
    public boolean subnetInUse(String subnetUuid) {
        return StoreCalls.call("checking subnet " + subnetUuid, () -> store.ledger().subnetInUse(subnetUuid));
    }

    @Override
    public long freeId(IdPool pool) {
        long id = StoreCalls.call("allocating " + pool, () -> store.idBook(pool).reserve());
        reservations.add(new Reserved(Optional.empty(), Optional.empty(), Optional.of(pool), id));
        return id;
    }

    /** Drops this view's reservations; committed ones are already marked taken by the store. */
    @Override
    public void close() {
        for (Reserved r : reservations) {
            r.address().ifPresent(a -> store.addressBook(r.subnetUuid().orElseThrow()).unreserve(a));
            r.pool().ifPresent(p -> store.idBook(p).unreserve(r.id()));
        }
    }
}
