package io.filament.analytics.alarm;

/**
 * A config change read from {@code filament.config.events.v1}.
 *
 * @param type      config type in dash form
 * @param operation created, updated or deleted
 * @param time      microseconds since the epoch (record timestamp)
 */
public record ConfigChangeSeen(String type, String uuid, long version, String operation, long time) {

    /** Key of the object in {@code ObjectConfigRealisation}: {@code <type>:<uuid>}. */
    public String realisationKey() {
        return type + ":" + uuid;
    }
}
