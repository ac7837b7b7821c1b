package io.filament.control.desired;

import io.filament.control.config.ConfigObject;
import io.filament.control.rib.RoutingInstanceSpec;

/** What one {@code filament.desired.v1} record means to the control node. */
public sealed interface DesiredChange {

    /** A routing instance: its targets for the RIB, and its node (child of its network) for config push. */
    record RoutingInstance(RoutingInstanceSpec spec, ConfigObject node) implements DesiredChange {
    }

    /** A network or security-group ACL, pushed to agents as an {@code access-control-list} node. */
    record AccessControlList(ConfigObject node) implements DesiredChange {
    }

    /** A record whose content the control node gets elsewhere (connections are folded into import targets). */
    record NotUsed(String key) implements DesiredChange {
    }

    /** A tombstone. */
    record Removed(String type, String id) implements DesiredChange {
    }
}
