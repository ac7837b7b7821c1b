package io.filament.configapi.error;

/** 404: Unknown uuid, fq_name or type. */
public final class NotFoundException extends ConfigApiException {

    public NotFoundException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 404;
    }
}
