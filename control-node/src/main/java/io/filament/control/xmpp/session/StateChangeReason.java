package io.filament.control.xmpp.session;

/** Why a session changed state; logged with every transition and shown by {@code /peers}. */
public enum StateChangeReason {
    STREAM_OPENED,
    TLS_REQUESTED,
    TLS_ESTABLISHED,
    AUTHENTICATED,
    RESOURCE_BOUND,
    AUTHENTICATION_FAILED,
    UNKNOWN_HOST,
    TLS_REQUIRED,
    PROTOCOL_ERROR,
    MALFORMED_XML,
    LIMIT_EXCEEDED,
    HOLD_TIMER_EXPIRED,
    STREAM_CLOSED_BY_PEER,
    CONNECTION_LOST,
    SHUTDOWN
}
