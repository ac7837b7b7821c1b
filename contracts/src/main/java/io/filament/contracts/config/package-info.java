/**
 * What other modules need to read the configuration that config-api publishes: topic names, the TF type names,
 * the CloudEvents headers, and the JSON envelopes of {@code filament.config.v1} (snapshots),
 * {@code filament.config.events.v1} (change events) and {@code filament.config.commands.v1} (commands).
 * Owned by config-api-service; released envelopes only grow by optional fields.
 */
package io.filament.contracts.config;
