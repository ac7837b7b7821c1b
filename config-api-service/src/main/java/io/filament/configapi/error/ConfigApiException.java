package io.filament.configapi.error;

/**
 * A refused request. Each subclass carries the HTTP status TF's API server answers with; the message says exactly
 * what is wrong (field and value). Thrown before anything is written, so a refusal never changes state.
 */
public abstract sealed class ConfigApiException extends RuntimeException
        permits BadRequestException, NotFoundException, ConflictException, PreconditionFailedException,
        PayloadTooLargeException, StoreUnavailableException {

    protected ConfigApiException(String message) {
        super(message);
    }

    protected ConfigApiException(String message, Throwable cause) {
        super(message, cause);
    }

    /** HTTP status of this refusal. */
    public abstract int status();
}
