package io.filament.control.xmpp.session;

import java.time.Duration;

/**
 * Per-server stream settings.
 *
 * @param domain          XMPP domain (TF: {@code contrailsystems.com}); a stream addressed elsewhere gets host-unknown
 * @param tlsOffered      offer STARTTLS
 * @param tlsRequired     refuse authentication before TLS
 * @param anonymousAllowed offer SASL ANONYMOUS (the agent is then named by its stream header's {@code from})
 * @param holdTime        close a stream that sends nothing for this long; keepalives go every third of it
 */
public record SessionSettings(String domain, boolean tlsOffered, boolean tlsRequired, boolean anonymousAllowed,
                              Duration holdTime) {

    public SessionSettings {
        if (tlsRequired && !tlsOffered) {
            throw new IllegalArgumentException("TLS cannot be required without being offered");
        }
        if (holdTime.toSeconds() < 3) {
            throw new IllegalArgumentException("hold time must be at least 3 s, got " + holdTime);
        }
    }
}
