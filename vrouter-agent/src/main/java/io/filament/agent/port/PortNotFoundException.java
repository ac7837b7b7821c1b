package io.filament.agent.port;

import java.util.UUID;

/** No port with this uuid is plugged on this host. */
public final class PortNotFoundException extends RuntimeException {

    public PortNotFoundException(UUID id) {
        super("no port " + id);
    }
}
