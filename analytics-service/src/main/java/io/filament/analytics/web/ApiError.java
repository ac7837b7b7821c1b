package io.filament.analytics.web;

/**
 * Body of every 4xx answer: what was wrong, and with which request field and value.
 *
 * @param error a sentence for humans
 * @param field the offending request field (JSON path for bodies, parameter or path segment otherwise)
 * @param value the offending value as received
 */
public record ApiError(String error, String field, String value) {
}
