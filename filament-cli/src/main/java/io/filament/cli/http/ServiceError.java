package io.filament.cli.http;

import io.filament.cli.infra.InfraException;

/** A service answered with an HTTP error; the message carries its status and body. */
public final class ServiceError extends InfraException {

    private final int status;

    public ServiceError(String service, String method, String path, int status, String body) {
        super(service + " answered " + status + " to " + method + " " + path + ": " + body.strip());
        this.status = status;
    }

    public int status() {
        return status;
    }
}
