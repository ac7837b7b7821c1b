package io.filament.schema.desired;

/** One record to publish on {@code filament.desired.v1}: a new value or a tombstone. */
public sealed interface DesiredChange {

    String key();

    record Upsert(DesiredRecord record) implements DesiredChange {
        @Override
        public String key() {
            return record.key();
        }
    }

    record Tombstone(String key) implements DesiredChange {
    }
}
