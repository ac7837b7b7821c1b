package io.filament.configapi.command;

import io.filament.configapi.ipam.IpAddress;
import io.filament.configapi.ipam.SubnetPlan;
import io.filament.contracts.config.ConfigType;
import java.util.List;
import java.util.Optional;

/** The committed state a command is decided against. Read-only; implementations: the Cassandra store, tests. */
public interface ConfigState {

    Optional<StoredObject> find(String uuid);

    Optional<StoredObject> find(ConfigType type, List<String> fqName);

    /**
     * The version a new object with this client-chosen uuid starts at: 1 for a uuid never used, one past the last
     * event of a deleted object (so that a uuid can be used again after its object was deleted).
     */
    long firstVersion(String uuid);

    /** Children of an object, as {@link RefLink}s of the child's type. */
    List<RefLink> children(String parentUuid);

    /** Objects that reference {@code uuid}, with the link attribute. */
    List<RefLink> backRefs(String uuid);

    /** The first address of {@code plan}'s allocation order that nobody holds, empty when the subnet is full. */
    Optional<IpAddress> freeAddress(SubnetPlan plan);

    boolean addressTaken(String subnetUuid, IpAddress address);

    /** Whether any address of the subnet is held (a subnet in use cannot be removed). */
    boolean subnetInUse(String subnetUuid);

    /** The lowest id of {@code pool} that nobody holds. */
    long freeId(IdPool pool);
}
