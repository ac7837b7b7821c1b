package io.filament.contracts.config;

/** Kafka topics of the config pipeline. */
public final class ConfigTopics {

    /** Compacted: key {@code <type>/<uuid>}, value {@link ConfigSnapshot}, tombstone on delete. */
    public static final String SNAPSHOTS = "filament.config.v1";
    /** Key uuid, value {@link ConfigEvent}; every accepted change, in per-object order. */
    public static final String EVENTS = "filament.config.events.v1";
    /** Key target uuid (or fq_name string for creates without uuid), value {@link ConfigCommand}. */
    public static final String COMMANDS = "filament.config.commands.v1";

    private ConfigTopics() {
    }

    /** Key of an object on the compacted snapshot topic, e.g. {@code virtual-network/3f2a…}. */
    public static String snapshotKey(ConfigType type, String uuid) {
        return type.dashed() + "/" + uuid;
    }
}
