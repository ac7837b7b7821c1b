package io.filament.configapi.error;

/** 413: Request body over the configured limit. */
public final class PayloadTooLargeException extends ConfigApiException {

    public PayloadTooLargeException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 413;
    }
}
