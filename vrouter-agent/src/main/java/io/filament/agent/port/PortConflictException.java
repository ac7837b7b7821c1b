package io.filament.agent.port;

import java.util.UUID;

/** Another port already uses the TAP name or interface a request asks for. */
public final class PortConflictException extends RuntimeException {

    private final String field;

    public PortConflictException(String field, String value, UUID holder) {
        super(field + " '" + value + "' is already used by port " + holder);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
