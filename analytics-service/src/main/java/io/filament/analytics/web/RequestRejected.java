package io.filament.analytics.web;

import org.springframework.http.HttpStatus;

/** A request the REST API refuses; carries the HTTP status and the field at fault. */
public class RequestRejected extends RuntimeException {

    private final HttpStatus status;
    private final String field;
    private final String value;

    public RequestRejected(HttpStatus status, String field, Object value, String reason) {
        super(reason);
        this.status = status;
        this.field = field;
        this.value = String.valueOf(value);
    }

    public HttpStatus status() {
        return status;
    }

    public ApiError body() {
        return new ApiError(getMessage(), field, value);
    }
}
