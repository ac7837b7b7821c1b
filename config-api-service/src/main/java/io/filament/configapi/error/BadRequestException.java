package io.filament.configapi.error;

/** 400: Malformed body, wrong parent type, invalid property value, bad CIDR, address outside its subnet. */
public final class BadRequestException extends ConfigApiException {

    public BadRequestException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 400;
    }
}
