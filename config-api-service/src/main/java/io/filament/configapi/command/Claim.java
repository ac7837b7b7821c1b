package io.filament.configapi.command;

import io.filament.configapi.ipam.IpAddress;
import io.filament.contracts.config.ConfigType;

/**
 * Something unique that a change takes (or, in a decision's releases, gives back). The store claims each with a
 * lightweight transaction, so two instances never hand out the same name, address or id.
 */
public sealed interface Claim {

    String owner();

    /** The fq_name of a new object; the index {@code fq_name → uuid}. */
    record FqName(ConfigType type, String fqName, String owner) implements Claim {
    }

    /**
     * An address of a subnet. {@code automatic} addresses were chosen by the handler: when another writer got
     * there first the command is decided again; a requested address that is taken is a 409.
     */
    record Address(String subnetUuid, IpAddress address, String owner, boolean automatic) implements Claim {
    }

    record Id(IdPool pool, long id, String owner) implements Claim {
    }
}
