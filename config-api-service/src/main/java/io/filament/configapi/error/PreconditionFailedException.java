package io.filament.configapi.error;

/** 412: If-Match names another version than the current one. */
public final class PreconditionFailedException extends ConfigApiException {

    public PreconditionFailedException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 412;
    }
}
