package io.filament.agent.ifmap;

import java.util.UUID;

/**
 * The version of a config object as the control node pushed it (the {@code version} attribute of its node):
 * what the agent reports realised once the dataplane holds the state built from it.
 *
 * @param type    the config type, e.g. {@code virtual-machine-interface}
 * @param uuid    the object's uuid
 * @param version its version in {@code filament.config.v1}
 */
public record ConfigVersion(String type, UUID uuid, long version) {

    /** The key of its {@code ObjectConfigRealisation} UVE, {@code <type>:<uuid>}. */
    public String realisationKey() {
        return type + ":" + uuid;
    }
}
