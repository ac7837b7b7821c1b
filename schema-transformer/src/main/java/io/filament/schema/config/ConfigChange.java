package io.filament.schema.config;

/** One record of the config topic: a new snapshot or a tombstone. */
public sealed interface ConfigChange {

    ConfigKey key();

    record Upserted(ConfigObject object) implements ConfigChange {
        @Override
        public ConfigKey key() {
            return object.key();
        }
    }

    record Removed(ConfigKey key) implements ConfigChange {
    }
}
