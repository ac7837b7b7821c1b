package io.filament.agent.dataplane.client;

import io.filament.agent.dataplane.wire.DataplaneReply;

import java.util.Optional;

/** A request the dataplane refused, did not answer in time, or could not be sent (socket down). */
public final class DataplaneException extends Exception {

    private final Optional<DataplaneReply.Error> refusal;

    public DataplaneException(String message, Throwable cause) {
        super(message, cause);
        this.refusal = Optional.empty();
    }

    public DataplaneException(String request, DataplaneReply.Error refusal) {
        super(request + " refused: " + refusal.field() + " '" + refusal.value() + "': " + refusal.message());
        this.refusal = Optional.of(refusal);
    }

    /** The dataplane's error reply when it refused the request (then nothing changed there). */
    public Optional<DataplaneReply.Error> refusal() {
        return refusal;
    }
}
