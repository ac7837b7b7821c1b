package io.filament.agent.xmpp.session;

/** Where the session to one control node stands. */
public enum PeerState {
    /** Not started yet. */
    IDLE,
    /** TCP connect, stream set-up, SASL and bind under way. */
    CONNECTING,
    /** Logged in: config and routes flow. */
    ESTABLISHED,
    /** Lost or refused; a reconnect is scheduled after the back-off delay. */
    BACKOFF,
    /** Closed for good (agent shutdown). */
    STOPPED
}
