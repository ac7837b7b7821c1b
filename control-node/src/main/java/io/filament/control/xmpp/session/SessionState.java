package io.filament.control.xmpp.session;

/** Server side of an RFC 6120 client-to-server stream, as the control node runs it for an agent. */
public enum SessionState {
    /** TCP accepted (or stream restarted); waiting for the client's stream header. */
    AWAITING_STREAM,
    /** Features sent before authentication; waiting for STARTTLS or SASL {@code <auth>}. */
    NEGOTIATING,
    /** {@code <proceed/>} sent; TLS handshake in progress, then a new stream. */
    TLS_HANDSHAKE,
    /** Authenticated stream open; waiting for the resource-binding iq. */
    AWAITING_BIND,
    /** Bound: pub/sub and config traffic flows. */
    ESTABLISHED,
    CLOSED
}
