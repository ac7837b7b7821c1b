/**
 * The event envelope and the Kafka topics: {@link io.filament.contracts.event.EventEnvelope} (CloudEvents 1.0
 * context), {@link io.filament.contracts.event.BinaryModeHeaders} (its Kafka headers in binary content mode)
 * and {@link io.filament.contracts.event.Topics} (topic names, policies and dead-letter naming).
 */
package io.filament.contracts.event;
