package io.filament.contracts.status;

import io.filament.contracts.InvalidValueException;

/**
 * A status or flow record breaks a rule of the format; names the field (as analytics writes it into
 * {@code filament_dlq_field}) and the offending value.
 */
public final class InvalidStatusRecordException extends InvalidValueException {

    public InvalidStatusRecordException(String field, Object value, String reason) {
        super(field, value == null ? null : String.valueOf(value), reason);
    }
}
