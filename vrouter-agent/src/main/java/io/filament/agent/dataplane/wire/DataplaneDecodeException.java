package io.filament.agent.dataplane.wire;

/** A reply from the dataplane that does not decode; names the field and the value. */
public final class DataplaneDecodeException extends RuntimeException {

    public DataplaneDecodeException(String field, Object value, String problem) {
        super(field + " '" + value + "': " + problem);
    }
}
