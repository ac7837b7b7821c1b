package io.filament.configapi.error;

/** 409: fq_name or uuid exists, children or back-references remain, address in use, pool exhausted. */
public final class ConflictException extends ConfigApiException {

    public ConflictException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 409;
    }
}
