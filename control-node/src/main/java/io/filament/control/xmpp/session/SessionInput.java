package io.filament.control.xmpp.session;

/** Inputs of the session state machine (the columns of {@link SessionTransitions}). */
public enum SessionInput {
    STREAM_HEADER,
    STREAM_HEADER_AUTHENTICATED,
    STARTTLS,
    TLS_HANDSHAKE_DONE,
    SASL_AUTH_OK,
    SASL_AUTH_FAILED,
    BIND,
    STANZA,
    STREAM_END,
    DECODE_ERROR,
    HOLD_TIMER,
    CONNECTION_LOST
}
