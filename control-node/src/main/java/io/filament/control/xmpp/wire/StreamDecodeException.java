package io.filament.control.xmpp.wire;

/** The byte stream from a peer cannot be decoded; carries the stream error to answer with. */
public final class StreamDecodeException extends Exception {

    private final StreamErrorCondition condition;

    public StreamDecodeException(StreamErrorCondition condition, String detail) {
        super(condition.elementName() + ": " + detail);
        this.condition = condition;
    }

    public StreamErrorCondition condition() {
        return condition;
    }
}
