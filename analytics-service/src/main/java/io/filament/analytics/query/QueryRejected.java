package io.filament.analytics.query;

import org.springframework.http.HttpStatus;

import io.filament.analytics.web.RequestRejected;

/** A query body that cannot be run; names the JSON path of the offending field (e.g. {@code where[0][1].op}). */
public final class QueryRejected extends RequestRejected {

    public QueryRejected(String field, Object value, String reason) {
        super(HttpStatus.BAD_REQUEST, field, value, field + ": " + reason);
    }
}
