package io.filament.configapi.rest;

/** REST limits, from {@code filament.config-api.max-body-size}. */
public record RestSettings(long maxBodyBytes) {
}
