package io.filament.configapi.store;

import io.filament.contracts.config.ConfigOperation;
import io.filament.contracts.config.ConfigType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One row of {@code object_events}: a committed change as the relay publishes it. */
public record StoredEvent(ConfigType type, String uuid, long version, ConfigOperation operation,
                          List<String> fqName, List<String> changedFields, String objectJson,
                          Optional<String> correlationId, Instant time) {
}
