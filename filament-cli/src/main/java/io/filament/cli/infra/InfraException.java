package io.filament.cli.infra;

/** A failure of the local infrastructure that the user can act on; its message says what and where. */
public class InfraException extends RuntimeException {

    public InfraException(String message) {
        super(message);
    }

    public InfraException(String message, Throwable cause) {
        super(message, cause);
    }
}
