package io.filament.configapi.error;

/** 503: the Cassandra store cannot be reached or did not answer in time; nothing was committed. */
public final class StoreUnavailableException extends ConfigApiException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 503;
    }
}
